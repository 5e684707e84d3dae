// What a manager's `run RITUAL` answers: what was done, in words that are true at that moment. Messages
// are queued (the outbox delivers them, and reports to the managers one that cannot be delivered), so
// they are never called sent here; a run that created nothing says why instead of "0 sent".
import type { Locale, RitualId } from '../domain/model.js';
import { t } from '../i18n/index.js';
import type { NoticeView } from '../view-models.js';
import { notice } from './notice.js';

export interface RunFigures {
  readonly ritual: string;
  /** Occurrences planned; none of them new means this run already happened. */
  readonly planned: number;
  readonly sent: number;
  readonly skipped: number;
  readonly missed: number;
  readonly failed: number;
}

export function runNotice(locale: Locale, teamName: string, run: RunFigures): NoticeView {
  const params = { ritual: t(locale, `ritual.${run.ritual as RitualId}`), team: teamName };
  const created = run.sent + run.skipped + run.missed + run.failed;
  if (run.planned === 0) return notice(locale, 'info', t(locale, 'run.nothing', params));
  // The check-in is this week's prompt (run once a week); other rituals may post again each minute.
  if (created === 0)
    return notice(locale, 'info', t(locale, run.ritual === 'checkin' ? 'run.alreadySent' : 'run.alreadyRan', params));
  // Everything skipped (a week with nothing to show, members away): nothing is under way, and it says so.
  if (run.sent === 0 && run.failed === 0)
    return notice(locale, 'info', t(locale, 'run.allSkipped', { ...params, skipped: run.skipped + run.missed }));
  return notice(
    locale,
    'success',
    t(locale, 'run.queued', { ...params, queued: run.sent, skipped: run.skipped + run.missed }),
  );
}
