// A member's objectives as KPI lines, each in its own period (a monthly target in the current month, a
// quarterly quota in the quarter), as of an instant: used by the check-in prompt and confirmation and by
// "where do I stand?". The rank is the one of the `leaderboard` command (the last completed week), so
// both count the same ranked people.

import type { MemberKpiRow } from '../../domain/member-report.js';
import type { Locale, Member, PeriodKind, Team } from '../../domain/model.js';
import { type Period, periodOfDate, previousPeriod } from '../../domain/periods.js';
import { periodSettingsOf } from '../../domain/report-context.js';
import { localDateOf } from '../../domain/zoned-time.js';
import { memberKpiLine } from '../../view-builders/kpi-line.js';
import type { KpiLine } from '../../view-models.js';
import { weekOf } from '../engine/checkin-window.js';
import type { ReportMemo } from './report-memo.js';

export interface MemberStanding {
  readonly lines: KpiLine[];
  /** Rank on the leaderboard of the last completed week (as the `leaderboard` command shows it). */
  readonly rank: number | null;
  readonly ranked: number;
  /** The week ranked (absent without a rank asked). */
  readonly rankPeriod?: Period;
  readonly periodKind: PeriodKind | null;
}

export async function memberStanding(
  reports: ReportMemo,
  team: Team,
  member: Member,
  asOf: Date,
  locale: Locale,
  opts: {
    readonly rank?: boolean;
    /**
     * The whole team is being asked (a check-in fan-out): the team's reports for every period of the
     * objectives are built together from one read of its values, so each member's standing is a look-up
     * instead of a read of their own values per period.
     */
    readonly teamWide?: boolean;
  } = {},
): Promise<MemberStanding> {
  const ws = await reports.workspace();
  const role = member.role === undefined ? undefined : ws.roles[member.role];
  if (!role || role.objectives.length === 0) return { lines: [], rank: null, ranked: 0, periodKind: null };
  const settings = periodSettingsOf(ws);
  const today = localDateOf(asOf.toISOString(), team.timezone);
  const kinds = [...new Set(role.objectives.map((o) => o.per))];
  // The rank is read in the team's report of the leaderboard's week (no movement: the previous period
  // is not computed); the objectives' periods need only this member's rows. Within a call the memo
  // shares all of it between the members of the team.
  const periods = kinds.map((k) => periodOfDate(k, today, settings));
  const at = asOf.toISOString();
  if (opts.teamWide) await reports.reports(team, periods, at, { movement: false });
  // Without the rank (a check-in's confirmation), the member's own rows are all it takes: no team report.
  const rankPeriod = opts.rank === false ? undefined : previousPeriod(weekOf(ws, asOf, team.timezone), settings);
  // One read of the team's values covers the week ranked and the first objective's period; only the
  // week is scored for the whole team (the rank), the objectives' periods for this member alone.
  if (rankPeriod) await reports.prefetch(team, [rankPeriod, periods[0]!], at);
  const [week] = rankPeriod ? await reports.reports(team, [rankPeriod], at, { movement: false }) : [undefined];
  const rowsByKind = new Map<PeriodKind, { rows: readonly MemberKpiRow[] | undefined; end: string }>(
    await Promise.all(
      kinds.map(
        async (k, i) =>
          [k, { rows: await reports.memberRows(team, member.id, periods[i]!, at), end: periods[i]!.end }] as const,
      ),
    ),
  );
  const lines: KpiLine[] = [];
  role.objectives.forEach((objective, i) => {
    const { rows, end } = rowsByKind.get(objective.per)!;
    const row = rows?.[i];
    const kpi = ws.kpis[objective.kpi];
    if (!row || !kpi || row.kpi !== objective.kpi) return;
    lines.push(memberKpiLine(row, kpi, locale, end));
  });
  const mine = week?.members.find((m) => m.id === member.id);
  return {
    lines,
    rank: mine?.rank ?? null,
    ranked: week ? week.members.filter((m) => m.rank !== null).length : 0,
    ...(rankPeriod ? { rankPeriod } : {}),
    periodKind: role.objectives[0]!.per,
  };
}
