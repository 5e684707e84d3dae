// The one-line caption under each bot message of the sandbox: which ritual produced it and when it runs
// for real, read from the team's own schedule (so a changed cron shows as changed). Cron expressions
// are described for the shapes the workspace file uses (a weekly day, working days, every day, the
// first working day of the month or quarter); anything else shows as the expression itself.
import type { Locale, RitualId, Team } from '../../core/domain/model.js';
import { type MessageKey, t } from '../../core/i18n/index.js';
import { st } from '../i18n.js';

const two = (s: string) => s.padStart(2, '0');

/** A cron expression (5 fields, or 6 with seconds) in words, in the viewer's language. */
export function describeCron(expr: string, locale: Locale): string {
  const fields = expr.trim().split(/\s+/);
  const [min, hour, dom, month, dow] = fields.length === 6 ? fields.slice(1) : fields;
  if (fields.length < 5 || !/^\d+$/.test(min ?? '') || !/^\d+$/.test(hour ?? ''))
    return st(locale, 'cron.other', { cron: expr });
  const time = `${two(hour!)}:${two(min!)}`;
  if (dom === '*' && month === '*') {
    if (dow === '*') return st(locale, 'cron.daily', { time });
    if (dow === '1-5') return st(locale, 'cron.weekdays', { time });
    if (/^[0-7]$/.test(dow ?? '')) {
      // 5 January 2026 is a Monday: day n of the ISO week is n - 1 days later (0 and 7 are Sunday).
      const iso = Number(dow) === 0 ? 7 : Number(dow);
      const day = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
        new Date(Date.UTC(2026, 0, 4 + iso)),
      );
      return st(locale, 'cron.weekly', { day, time });
    }
  }
  if (dom === '1W' && month === '*' && dow === '*') return st(locale, 'cron.firstWorkday', { time });
  if (dom === '1W' && month === '1,4,7,10' && dow === '*') return st(locale, 'cron.firstWorkdayQuarter', { time });
  return st(locale, 'cron.other', { cron: expr });
}

const RITUAL_OF: Readonly<Record<string, RitualId>> = {
  checkin_prompt: 'checkin',
  leaderboard: 'leaderboard',
  my_rank: 'leaderboard',
  collective_progress: 'progress',
  standup_summary: 'standup',
  monthly_review: 'monthly_review',
  qbr: 'qbr',
};

const hours = (minutes: number, locale: Locale) =>
  (minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`).replace(' ', locale === 'fr' ? '\u00a0' : ' ');

/** When a team's ritual runs for real, or "on demand" when it has no schedule. */
function when(team: Team | undefined, ritual: RitualId, locale: Locale): string {
  const schedule = team?.rituals[ritual];
  if (!schedule?.enabled) return st(locale, 'caption.onDemand');
  const described = describeCron(schedule.cron, locale);
  return ritual === 'checkin' && schedule.localTime ? st(locale, 'caption.localTime', { when: described }) : described;
}

/** The caption of a bot message of this view type, for a message of `team` (its channel or a member's). */
export function captionFor(viewType: string, team: Team | undefined, locale: Locale): string | undefined {
  const ritual = RITUAL_OF[viewType];
  if (ritual)
    return st(locale, 'caption.for-real', {
      ritual: t(locale, `sandbox.ritual.${ritual}` as MessageKey),
      when: when(team, ritual, locale),
    });
  switch (viewType) {
    case 'checkin_reminder': {
      const delays = team?.rituals.checkin?.remindersMinutes ?? [];
      return st(locale, 'caption.reminder', { delays: delays.map((m) => hours(m, locale)).join(' / ') });
    }
    case 'checkin_confirmation':
      return st(locale, 'caption.confirmation');
    case 'breach_nudge':
      return st(locale, 'caption.breach', { when: when(team, 'breach_scan', locale) });
    case 'escalation':
      return st(locale, 'caption.escalation');
    case 'my_goals':
      return st(locale, 'caption.myGoals');
    case 'crm_import':
      return st(locale, 'caption.crm');
    default:
      return undefined;
  }
}
