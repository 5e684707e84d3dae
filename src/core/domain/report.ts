// The team report behind leaderboards, stand-ups, reviews and QBRs: one pure function from the
// workspace, the team, a period, an as-of instant and the recorded values to every figure shown.
// Members without a role are left out, and so are members who have not started yet on the report's
// reference day (the as-of day, or the period's end for a past period); members out of office for the
// whole period are listed but not ranked, and so are members none of whose scored objectives has data
// (with the reason: never "rank 1 at 0 %"). Movement compares with the previous period's ranks,
// computed from the same values unless given.

import { minDate } from './calendar-days.js';
import { type CollectiveRow, collectiveRows } from './collective-report.js';
import { memberScore, rankMovement, rankScores } from './leaderboard.js';
import { type MemberKpiRow, type MemberKpis, memberKpis } from './member-report.js';
import type { MetricValue } from './metric-values.js';
import type { Member, PeriodKind, Role, Team, Workspace } from './model.js';
import { type Period, previousPeriod } from './periods.js';
import { type ReportContext, reportContext } from './report-context.js';
import { targetReferenceDate } from './targets.js';
import { type OooRange, workingDayProgress } from './working-days.js';
import { instantInZone, localDateOf } from './zoned-time.js';

export interface TeamReportInput {
  readonly workspace: Workspace;
  readonly team: Team;
  /** The report period, as parsed by parsePeriodKey with the workspace's period settings. */
  readonly period: Period;
  /** ISO instant with an offset; its day in the team's zone is the as-of day. */
  readonly asOf: string;
  readonly values: readonly MetricValue[];
  readonly ooo: readonly OooRange[];
  /** Ranks of the previous period by member id; computed from `values` when absent. */
  readonly previousRanks?: Readonly<Record<string, number>>;
}

/** Why a member has no rank: away all period, nothing scored, or no scored objective with data. */
export type UnrankedReason = 'out_of_office' | 'no_scored_objective' | 'awaiting_data' | 'no_data' | 'no_target';

export interface MemberReport {
  readonly id: string;
  readonly role: string;
  readonly score: number | null;
  readonly rank: number | null;
  /** Null when ranked. */
  readonly unrankedReason: UnrankedReason | null;
  readonly movement: number | null;
  readonly outOfOffice: boolean;
  readonly workingDays: number;
  readonly workingDaysElapsed: number;
  readonly kpis: MemberKpiRow[];
}

export interface TeamReport {
  readonly team: string;
  readonly period: {
    readonly kind: PeriodKind;
    readonly key: string;
    readonly start: string;
    readonly end: string;
    readonly asOf: string;
    readonly workingDays: number;
    readonly workingDaysElapsed: number;
  };
  readonly members: MemberReport[];
  readonly collective: CollectiveRow[];
}

interface ScoredMember {
  readonly member: Member;
  readonly role: Role;
  readonly kpis: MemberKpis;
  readonly score: number | null;
  readonly unrankedReason: UnrankedReason | null;
}

/**
 * The score of a member, or why there is none. Rows awaiting data, without data for a lower-is-better
 * KPI, or not computable have no attainment and are left out (the other weights renormalised); a
 * higher-is-better volume nobody reported counts as 0. At least one scored objective must have data.
 */
export function scoreOf(
  kpis: MemberKpis,
  cap: number,
): { score: number | null; unrankedReason: UnrankedReason | null } {
  if (kpis.outOfOffice) return { score: null, unrankedReason: 'out_of_office' };
  const scored = kpis.kpis.filter((k) => k.weight > 0);
  if (scored.length === 0) return { score: null, unrankedReason: 'no_scored_objective' };
  if (!scored.some((k) => k.dataState === 'ok')) {
    return {
      score: null,
      unrankedReason: scored.every((k) => k.dataState === 'awaiting_data') ? 'awaiting_data' : 'no_data',
    };
  }
  const score = memberScore(scored, cap);
  return score === null ? { score, unrankedReason: 'no_target' } : { score, unrankedReason: null };
}

function scoreMembers(ctx: ReportContext): { scored: ScoredMember[]; ranks: Map<string, number> } {
  const scored: ScoredMember[] = [];
  const refDate = targetReferenceDate(ctx.period, ctx.asOfDate);
  for (const member of ctx.team.members) {
    const role = member.role === undefined ? undefined : ctx.workspace.roles[member.role];
    if (!role || member.start > refDate) continue;
    const kpis = memberKpis(ctx, member, role);
    scored.push({ member, role, kpis, ...scoreOf(kpis, ctx.cap) });
  }
  return { scored, ranks: rankScores(scored.map((s) => ({ id: s.member.id, score: s.score }))) };
}

export function buildTeamReport(input: TeamReportInput): TeamReport {
  const { workspace, team, period, values, ooo } = input;
  const asOfDate = localDateOf(input.asOf, team.timezone);
  const ctx = reportContext({ workspace, team, period, asOfDate, values, ooo });
  const { scored, ranks } = scoreMembers(ctx);

  let previousRanks: ReadonlyMap<string, number>;
  if (input.previousRanks) {
    previousRanks = new Map(Object.entries(input.previousRanks));
  } else {
    // The previous period as it closed (or as known on the as-of day, if that is earlier).
    const prev = previousPeriod(period, ctx.settings);
    previousRanks = scoreMembers(
      reportContext({ workspace, team, period: prev, asOfDate: minDate(asOfDate, prev.end), values, ooo }),
    ).ranks;
  }

  const members: MemberReport[] = scored.map(({ member, role, kpis, score, unrankedReason }) => {
    const rank = ranks.get(member.id) ?? null;
    return {
      id: member.id,
      role: role.id,
      score,
      rank,
      unrankedReason,
      movement: rankMovement(previousRanks.get(member.id), rank),
      outOfOffice: kpis.outOfOffice,
      workingDays: kpis.workingDays,
      workingDaysElapsed: kpis.workingDaysElapsed,
      kpis: kpis.kpis,
    };
  });
  // Ranked members first by rank; the unranked keep the team's order after them (sort is stable).
  members.sort((a, b) => (a.rank === null ? (b.rank === null ? 0 : 1) : b.rank === null ? -1 : a.rank - b.rank));

  const progress = workingDayProgress(period.start, period.end, asOfDate, ctx.calendar);
  return {
    team: team.id,
    period: {
      kind: period.kind,
      key: period.key,
      start: period.start,
      end: period.end,
      asOf: instantInZone(input.asOf, team.timezone),
      workingDays: progress.workingDays,
      workingDaysElapsed: progress.elapsed,
    },
    members,
    collective: collectiveRows(ctx),
  };
}

/** The collective rows alone (no member scoring): what the progress post and the breach scan show. */
export function buildCollectiveRows(input: Omit<TeamReportInput, 'previousRanks'>): CollectiveRow[] {
  const { workspace, team, period, values, ooo } = input;
  return collectiveRows(
    reportContext({ workspace, team, period, asOfDate: localDateOf(input.asOf, team.timezone), values, ooo }),
  );
}

/** One member's objective rows alone (no ranking), or undefined when the member is not in the report. */
export function buildMemberRows(
  input: Omit<TeamReportInput, 'previousRanks'>,
  memberId: string,
): MemberKpiRow[] | undefined {
  const { workspace, team, period, values, ooo } = input;
  const member = team.members.find((m) => m.id === memberId);
  const role = member?.role === undefined ? undefined : workspace.roles[member.role];
  const ctx = reportContext({ workspace, team, period, asOfDate: localDateOf(input.asOf, team.timezone), values, ooo });
  // The same members as scoreMembers keeps: with a role, and started by the reference day.
  if (!member || !role || member.start > targetReferenceDate(period, ctx.asOfDate)) return undefined;
  return memberKpis(ctx, member, role).kpis;
}
