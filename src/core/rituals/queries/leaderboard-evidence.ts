// Whether a week's leaderboard has something behind it. A week in which nobody could check in (every
// member on holiday or out of office, or every prompt skipped for those reasons) or nobody did (no
// check-in and no recorded value of any member, or nobody ranked) gets no leaderboard: a ranking of
// zeros would put someone first for doing nothing. The pure rule is `leaderboardSkip`; `weekEvidence`
// reads what it needs from the store.
import type { Team } from '../../domain/model.js';
import type { Period } from '../../domain/periods.js';
import type { TeamReport } from '../../domain/report.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';

export type LeaderboardSkipReason = 'nobody_expected' | 'no_data' | 'nobody_ranked';

/** What a week shows of its members' activity. */
export interface WeekEvidence {
  /** Members in the report (with a role, started) and their working days in the week (OOO removed). */
  readonly members: readonly { readonly workingDays: number; readonly ranked: boolean }[];
  /** Check-in prompts of the week: how many there were and how many were skipped for holiday, OOO or a later start. */
  readonly prompts: number;
  readonly excusedPrompts: number;
  /** Check-ins stored for the week, and member values (any source) dated in it. */
  readonly checkIns: number;
  readonly memberValues: number;
}

const EXCUSED = new Set(['holiday', 'ooo', 'not_started']);

/** Why the week gets no leaderboard, or undefined when it has one. */
export function leaderboardSkip(e: WeekEvidence): LeaderboardSkipReason | undefined {
  if (e.members.length === 0) return 'no_data';
  const nobodyWorked = e.members.every((m) => m.workingDays === 0);
  const everyPromptExcused = e.prompts > 0 && e.excusedPrompts === e.prompts;
  if (e.checkIns === 0 && (nobodyWorked || everyPromptExcused)) return 'nobody_expected';
  if (e.checkIns === 0 && e.memberValues === 0) return 'no_data';
  if (e.members.every((m) => !m.ranked)) return 'nobody_ranked';
  return undefined;
}

export async function weekEvidence(
  ctx: CoreContext,
  team: Team,
  period: Period,
  report: TeamReport,
): Promise<WeekEvidence> {
  const memberIds = new Set(team.members.map((m) => m.id));
  const [occurrences, checkIns, data] = await Promise.all([
    ctx.repos.occurrences.list({ teamId: team.id, ritual: 'checkin', periodKey: period.key }),
    ctx.repos.checkIns.list({ teamId: team.id, periodKeys: [period.key], latestOnly: true }),
    reportsOf(ctx).data(team, { from: period.start, to: period.end }),
  ]);
  // Members with nothing to report (no check-in KPIs) are never asked: they neither count nor excuse.
  const asked = occurrences.filter((o) => o.reason !== 'no_checkin');
  return {
    members: report.members.map((m) => ({ workingDays: m.workingDays, ranked: m.rank !== null && m.score !== null })),
    prompts: asked.length,
    excusedPrompts: asked.filter((o) => o.status === 'skipped' && o.reason !== null && EXCUSED.has(o.reason)).length,
    checkIns: checkIns.length,
    memberValues: data.values.filter(
      (v) => v.memberId !== undefined && memberIds.has(v.memberId) && v.date >= period.start && v.date <= period.end,
    ).length,
  };
}
