// The team reports of one use-case call or one engine operation (a tick, a run, a scan): the effective
// workspace (config + targets changed in chat) is read once, a team's values and out-of-office periods
// are loaded once for the range its reports need, and each report (team, period, as-of) is built once.
// So a stand-up that shows every member's standing, or a tick that prompts a whole team, computes the
// team's figures once instead of once per member. Never kept across calls: values change between them.

import { maxDate, minDate } from '../../domain/calendar-days.js';
import type { CollectiveRow } from '../../domain/collective-report.js';
import type { MemberKpiRow } from '../../domain/member-report.js';
import type { Member, Team, Workspace } from '../../domain/model.js';
import type { Period } from '../../domain/periods.js';
import { buildCollectiveRows, buildMemberRows, buildTeamReport, type TeamReport } from '../../domain/report.js';
import { type DayRange, reportDataRange } from '../../domain/report-range.js';
import { localDateOf } from '../../domain/zoned-time.js';
import { EffectiveWorkspaces, type ObjectivesSource } from './effective-workspace.js';
import { loadTeamData, type TeamData, type TeamDataRepos } from './team-data.js';

export interface ReportMemoDeps {
  readonly repos: TeamDataRepos & {
    /** Without it, reports use the config's targets alone. */
    readonly objectives?: ObjectivesSource;
  };
  workspace(): Workspace;
  /** The core's long-lived cache of the effective workspace; a memo without one reads the store itself. */
  readonly targets?: EffectiveWorkspaces;
}

export interface ReportOptions {
  /** Rank movement against the previous period (default true); off, the previous period is not computed. */
  readonly movement?: boolean;
}

interface Loaded {
  readonly range: DayRange;
  readonly data: Promise<TeamData>;
}

export class ReportMemo {
  private ws: Promise<Workspace> | undefined;
  private readonly loaded = new Map<string, Loaded[]>();
  private readonly built = new Map<string, Promise<unknown>>();
  private readonly values = new Map<string, unknown>();

  constructor(private readonly deps: ReportMemoDeps) {}

  /** The workspace in force for this call: the config with its stored target changes. */
  workspace(): Promise<Workspace> {
    this.ws ??= (this.deps.targets ?? new EffectiveWorkspaces(this.deps.repos.objectives)).get(this.deps.workspace());
    return this.ws;
  }

  /** The team as in force (its members' and collective targets), found by id; the given one if absent. */
  async team(team: Team): Promise<Team> {
    return (await this.workspace()).teams.find((t) => t.id === team.id) ?? team;
  }

  /** A team's values and out-of-office periods covering [from, to] (a loaded wider range is reused). */
  data(team: Team, range: DayRange, key: string = team.id): Promise<TeamData> {
    const list = this.loaded.get(key) ?? [];
    const hit = list.find((l) => l.range.from <= range.from && l.range.to >= range.to);
    if (hit) return hit.data;
    const data = loadTeamData(this.deps.repos, team, range.from, range.to);
    list.push({ range, data });
    this.loaded.set(key, list);
    return data;
  }

  /** Any value computed once per call (e.g. a check-in window shared by the members of a zone). */
  cached<T>(key: string, compute: () => T): T {
    if (!this.values.has(key)) this.values.set(key, compute());
    return this.values.get(key) as T;
  }

  private once<T>(key: string, build: () => Promise<T>): Promise<T> {
    let p = this.built.get(key) as Promise<T> | undefined;
    if (!p) {
      p = build();
      this.built.set(key, p);
    }
    return p;
  }

  /**
   * Reads the team's values for the reports of these periods (no movement) without building any: the
   * reports and member rows asked next, for any of them, come from this one read.
   */
  async prefetch(team: Team, periods: readonly Period[], asOf: string): Promise<void> {
    const { current, range } = await this.rangeOf(team, periods, asOf, false);
    await this.data(current, range);
  }

  /** The workspace and team in force, and the days of values the reports of `periods` need. */
  private async rangeOf(team: Team, periods: readonly Period[], asOf: string, movement: boolean) {
    const ws = await this.workspace();
    const current = await this.team(team);
    const asOfDate = localDateOf(asOf, current.timezone);
    const range = unionRange(periods.map((p) => reportDataRange(ws, current, p, asOfDate, { movement })));
    return { ws, current, range };
  }

  /** Reports of one team for several periods as of `asOf` (ISO instant), from one load of values. */
  async reports(team: Team, periods: readonly Period[], asOf: string, opts: ReportOptions = {}): Promise<TeamReport[]> {
    if (periods.length === 0) return [];
    const movement = opts.movement ?? true;
    const { ws, current, range } = await this.rangeOf(team, periods, asOf, movement);
    return this.perPeriod(`report|${current.id}`, `${asOf}|${movement}`, current, periods, range, (input) =>
      buildTeamReport({ workspace: ws, asOf, ...input, ...(movement ? {} : { previousRanks: {} }) }),
    );
  }

  /**
   * One member's rows for a period: from the team's report when this call has built it (or is building
   * it), else computed for that member alone from their own values (a much smaller read).
   */
  async memberRows(team: Team, memberId: string, period: Period, asOf: string): Promise<MemberKpiRow[] | undefined> {
    const current = await this.team(team);
    for (const movement of [false, true]) {
      const built = this.built.get(`report|${current.id}|${period.key}|${asOf}|${movement}`) as
        | Promise<TeamReport>
        | undefined;
      if (built) return (await built).members.find((m) => m.id === memberId)?.kpis;
    }
    return this.once(`member|${current.id}|${memberId}|${period.key}|${asOf}`, async () => {
      const ws = await this.workspace();
      const range = reportDataRange(ws, current, period, localDateOf(asOf, current.timezone), { movement: false });
      const member = current.members.filter((m) => m.id === memberId);
      const data = await this.memberData(current, member, range);
      return buildMemberRows(
        { workspace: ws, team: { ...current, members: member }, period, asOf, values: data.values, ooo: data.ooo },
        memberId,
      );
    });
  }

  /** A member's values: from a read of their team covering the range if this call made one, else their own. */
  private memberData(team: Team, members: readonly Member[], range: DayRange): Promise<TeamData> {
    const hit = (this.loaded.get(team.id) ?? []).find((l) => l.range.from <= range.from && l.range.to >= range.to);
    return hit
      ? hit.data
      : this.data(
          { ...team, id: team.id, members: [...members] },
          range,
          `${team.id}#${members.map((m) => m.id).join(',')}`,
        );
  }

  /** The collective rows of one team for several periods, without scoring its members. */
  async collective(team: Team, periods: readonly Period[], asOf: string): Promise<CollectiveRow[][]> {
    const ws = await this.workspace();
    const current = await this.team(team);
    const asOfDate = localDateOf(asOf, current.timezone);
    // Collective targets are numbers: the periods themselves are all the values needed.
    const range = unionRange(periods.map((p) => ({ from: p.start, to: maxDate(p.start, minDate(p.end, asOfDate)) })));
    return this.perPeriod(`collective|${current.id}`, asOf, current, periods, range, (input) =>
      buildCollectiveRows({ workspace: ws, asOf, ...input }),
    );
  }

  /**
   * One build per period, each memoised under `${prefix}|${period}|${suffix}`, all from one read of the
   * team's values over `range` (the union of the periods' ranges).
   */
  private perPeriod<T>(
    prefix: string,
    suffix: string,
    team: Team,
    periods: readonly Period[],
    range: DayRange,
    build: (input: { team: Team; period: Period; values: TeamData['values']; ooo: TeamData['ooo'] }) => T,
  ): Promise<T[]> {
    return Promise.all(
      periods.map((period) =>
        this.once(`${prefix}|${period.key}|${suffix}`, async () => {
          const data = await this.data(team, range);
          return build({ team, period, values: data.values, ooo: data.ooo });
        }),
      ),
    );
  }
}

function unionRange(ranges: readonly DayRange[]): DayRange {
  let from = ranges[0]!.from;
  let to = ranges[0]!.to;
  for (const r of ranges) {
    from = minDate(from, r.from);
    to = maxDate(to, r.to);
  }
  return { from, to };
}
