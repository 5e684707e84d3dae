// What the page says after a clock jump, in the member's language: the new time, what reached them
// ("For you: weekly check-in in your DMs"), what happened meanwhile ("3 reminders sent to colleagues,
// 5 colleagues checked in, 2 CRM imports"), and a review moved off a holiday or a check-in skipped on
// one. Pure: the jump's result, the workspace and the viewer come in.
import type { Locale, RitualId, Workspace } from '../core/domain/model.js';
import { teamCalendar } from '../core/domain/working-days.js';
import { localDateOf } from '../core/domain/zoned-time.js';
import { formatDate } from '../core/i18n/format.js';
import { type MessageKey, t } from '../core/i18n/index.js';
import { st, stCount } from './i18n.js';
import type { AdvanceResult } from './time-travel.js';

const RITUAL_OF_VIEW: Readonly<Record<string, RitualId>> = {
  checkin_prompt: 'checkin',
  leaderboard: 'leaderboard',
  my_rank: 'leaderboard',
  collective_progress: 'progress',
  breach_nudge: 'breach_scan',
  escalation: 'breach_scan',
  standup_summary: 'standup',
  monthly_review: 'monthly_review',
  qbr: 'qbr',
};

const ritualName = (locale: Locale, r: RitualId) => t(locale, `sandbox.ritual.${r}` as MessageKey);

function viewName(locale: Locale, type: string): string | undefined {
  if (type === 'checkin_reminder') return t(locale, 'sandbox.reminder');
  const ritual = RITUAL_OF_VIEW[type];
  return ritual ? ritualName(locale, ritual) : undefined;
}

export interface SummaryViewer {
  readonly memberId: string;
  readonly locale: Locale;
  readonly teams: readonly { readonly id: string; readonly name: string }[];
}

/** "For you: …" — what reached the member's DMs and their teams' channels, in order, each once. */
function forYou(r: AdvanceResult, v: SummaryViewer): string | undefined {
  const items: string[] = [];
  for (const d of r.delivered) {
    const name = viewName(v.locale, d.type);
    if (!name) continue;
    let where: string | undefined;
    if (d.thread === `dm:${v.memberId}`) where = st(v.locale, 'where.dm');
    else {
      const team = v.teams.find((tm) => d.thread === `channel:${tm.id}`);
      if (team) where = st(v.locale, 'where.channel', { team: team.name });
    }
    const item = where ? `${name} ${where}` : undefined;
    if (item && !items.includes(item)) items.push(item);
  }
  return items.length > 0 ? st(v.locale, 'travel.forYou', { items: items.join(', ') }) : undefined;
}

/** "Meanwhile: …" — counts of what went to others. */
function meanwhile(r: AdvanceResult, v: SummaryViewer): string | undefined {
  const mine = new Set([`dm:${v.memberId}`, ...v.teams.map((tm) => `channel:${tm.id}`)]);
  const counts = { prompts: 0, reminders: 0, nudges: 0, standups: 0, posts: 0, imports: 0, other: 0 };
  for (const d of r.delivered) {
    if (d.thread.startsWith('admin:')) counts.imports++;
    else if (mine.has(d.thread)) continue;
    else if (d.type === 'checkin_prompt') counts.prompts++;
    else if (d.type === 'checkin_reminder') counts.reminders++;
    else if (d.type === 'breach_nudge' || d.type === 'escalation') counts.nudges++;
    else if (d.type === 'standup_summary') counts.standups++;
    else if (d.thread.startsWith('channel:')) counts.posts++;
    else counts.other++;
  }
  const items = [
    counts.prompts && stCount(v.locale, 'count.prompts', counts.prompts),
    counts.reminders && stCount(v.locale, 'count.reminders', counts.reminders),
    r.answers && stCount(v.locale, 'count.answers', r.answers),
    counts.nudges && stCount(v.locale, 'count.nudges', counts.nudges),
    counts.standups && stCount(v.locale, 'count.standups', counts.standups),
    counts.posts && stCount(v.locale, 'count.posts', counts.posts),
    counts.imports && stCount(v.locale, 'count.imports', counts.imports),
    counts.other && stCount(v.locale, 'count.other', counts.other),
  ].filter((x): x is string => typeof x === 'string');
  return items.length > 0 ? st(v.locale, 'travel.meanwhile', { items: items.join(', ') }) : undefined;
}

/** Reviews the engine moved off a holiday (its own answer, never recomputed here) and check-ins not sent
 * on a team holiday. */
export function holidayNotes(ws: Workspace, r: AdvanceResult, locale: Locale): string[] {
  const notes: string[] = [];
  const add = (note: string) => {
    if (!notes.includes(note)) notes.push(note);
  };
  for (const moved of r.postponed ?? []) {
    const team = ws.teams.find((tm) => tm.id === moved.teamId);
    if (!team) continue;
    const zone = team.rituals[moved.ritual]?.timezone ?? team.timezone;
    const fire = r.visited.find((p) => p.kind === 'fire' && p.teamId === moved.teamId && p.ritual === moved.ritual);
    const to = localDateOf(moved.to, zone);
    const from = fire ? localDateOf(fire.at.toISOString(), zone) : to;
    add(
      st(locale, 'travel.moved', {
        ritual: ritualName(locale, moved.ritual),
        team: team.name,
        from: formatDate(locale, from),
        to: formatDate(locale, to),
      }),
    );
  }
  for (const p of r.visited) {
    if (p.kind !== 'fire' || p.ritual !== 'checkin') continue;
    const team = ws.teams.find((tm) => tm.id === p.teamId);
    if (!team) continue;
    const calendar = teamCalendar(ws, team);
    const zone =
      (p.memberId ? team.members.find((m) => m.id === p.memberId)?.timezone : undefined) ??
      team.rituals[p.ritual]?.timezone ??
      team.timezone;
    const day = localDateOf(p.at.toISOString(), zone);
    if (calendar.isHoliday(day))
      add(
        st(locale, 'travel.skipped', {
          ritual: ritualName(locale, p.ritual),
          team: team.name,
          date: formatDate(locale, day),
        }),
      );
  }
  return notes;
}

/** The whole message after a jump. */
export function travelSummary(ws: Workspace, r: AdvanceResult, v: SummaryViewer, nowText: string): string {
  if (!r.moved) return t(v.locale, 'sandbox.nothingDue');
  const mine = forYou(r, v);
  return [
    t(v.locale, 'sandbox.moved', { time: nowText }),
    mine ?? st(v.locale, 'travel.nothingForYou'),
    meanwhile(r, v),
    ...holidayNotes(ws, r, v.locale),
  ]
    .filter((x): x is string => x !== undefined)
    .join(' ');
}
