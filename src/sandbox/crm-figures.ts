// The figures a simulated CRM holds for the sandbox: for each working day, the result KPIs that only an
// import fills (signed revenue, MRR moves, churn, CSAT, pipeline...). Which KPIs: those a member's
// objectives reach (directly or through a formula) and their check-in does not ask, per member; those
// only collective objectives reach, per team. Values are plausible for the bundled example, near each
// objective's pace and scaled by the rep's level; seeded per day, so re-importing a day changes nothing.
import { addDays, eachDay, isoWeekday } from '../core/domain/calendar-days.js';
import { formulaReferences, parseFormula } from '../core/domain/formula.js';
import type { Kpi, Role, Team, Workspace } from '../core/domain/model.js';
import { isWorkingDay, teamCalendar } from '../core/domain/working-days.js';
import { hashSeed, mulberry32, type Random } from './prng.js';
import { repLevel, roundCount, weeklyExpectation } from './simulated-answers.js';

export interface CrmRow {
  readonly date: string;
  readonly memberId: string | null;
  readonly teamId: string;
  readonly kpi: string;
  readonly value: number;
}

interface DayContext {
  readonly rng: Random;
  readonly level: number;
  /** The weekly amount expected of this subject (the role's objective share, else a typical volume). */
  readonly weekly: number;
  /** A per-subject constant in [0, 1): portfolio sizes and the like. */
  readonly steady: number;
}

const r10 = (n: number) => Math.round(n / 10) * 10;
const r100 = (n: number) => Math.round(n / 100) * 100;
const dec = (n: number, digits: number) => Number(n.toFixed(digits));
/** Several events of a day (deals, upsells), each of a size drawn in [min, max). */
const events = (c: DayContext, perDay: number, min: number, max: number, round: (n: number) => number) => {
  let total = 0;
  for (let i = roundCount(perDay, c.rng); i > 0; i--) total += round(c.rng.between(min, max));
  return total;
};

// One generator per KPI of the bundled example (data of the simulation); others use `fallback`.
const DAILY: Readonly<Record<string, (c: DayContext) => number>> = {
  new_revenue: (c) => events(c, (c.weekly * c.level) / 5 / 10_000, 6_000, 14_000, r100),
  sales_cycle_days: (c) => Math.round(c.rng.between(40, 62)),
  starting_mrr: (c) => r100(30_000 + c.steady * 30_000),
  expansion_mrr: (c) => events(c, 0.17 * c.level, 600, 1_400, r10),
  churned_mrr: (c) => events(c, 0.02, 300, 900, r10),
  strategic_accounts: (c) => 6 + Math.floor(c.steady * 4),
  key_features_adopted: (c) => dec(c.rng.between(2.9, 3.6), 1),
  logo_churn: (c) => roundCount(0.02, c.rng),
  nps: (c) => Math.round(c.rng.between(38, 52)),
  marketing_spend: (c) => r10((46 / 5) * c.level * c.rng.between(85, 115)),
  sql_accepted: (c) => roundCount((46 / 5) * c.level * c.rng.between(0.28, 0.38), c.rng),
  marketing_pipeline: (c) => r100(c.rng.between(15_000, 25_000) * c.rng.between(0.34, 0.46)),
  total_pipeline: (c) => r100(c.rng.between(15_000, 25_000)),
  first_contact_resolutions: (c) => roundCount((45 / 5) * c.level * c.rng.between(0.66, 0.82), c.rng),
  csat: (c) => dec(c.rng.between(4.45, 4.95), 2),
  first_response_hours: (c) => dec(c.rng.between(0.9, 2), 1),
  icp_cycle_days: (c) => Math.round(c.rng.between(60, 70)),
  slipped_deals: (c) => roundCount(c.rng.between(0.4, 0.8), c.rng),
  forecast_deals: (c) => roundCount(c.rng.between(2.5, 4), c.rng),
  abm_accounts_targeted: (c) => roundCount(c.rng.between(2.5, 4), c.rng),
  sqo: (c) => roundCount(c.rng.between(0.7, 1.1), c.rng),
};

/** Any other imported KPI: a sum at the objective's daily pace, a level near its target. */
function fallback(kpi: Kpi, role: Role | undefined, c: DayContext): number | undefined {
  const objective = role?.objectives.find((o) => o.kpi === kpi.id && 'value' in o.target);
  const target = objective && 'value' in objective.target ? objective.target.value : undefined;
  if (kpi.aggregation === 'sum' && kpi.unit.type !== 'percent') {
    const daily = (c.weekly * c.level) / 5;
    return kpi.unit.type === 'count'
      ? roundCount(daily * c.rng.between(0.8, 1.2), c.rng)
      : dec(daily * c.rng.between(0.8, 1.2), 2);
  }
  if (target === undefined) return undefined;
  return dec(target * (kpi.direction === 'lower' ? c.rng.between(0.7, 0.98) : c.rng.between(0.98, 1.15)), 2);
}

/** Base KPIs behind a KPI: itself, or what its formula reads (recursively). */
function baseKpis(ws: Workspace, id: string, out = new Set<string>(), depth = 0): Set<string> {
  const kpi = ws.kpis[id];
  if (!kpi || depth > 10) return out;
  if (!kpi.formula) return out.add(id);
  const parsed = parseFormula(kpi.formula);
  if (parsed.ok) for (const ref of formulaReferences(parsed.ast)) baseKpis(ws, ref, out, depth + 1);
  return out;
}

const imported = (ws: Workspace, id: string) => ws.kpis[id]?.sources.includes('import') === true;

/** The KPIs the CRM fills for each member of a team (by id) and for the team itself. */
export function crmPlan(ws: Workspace, team: Team): { members: Map<string, string[]>; team: string[] } {
  const members = new Map<string, string[]>();
  const covered = new Set<string>();
  for (const m of team.members) {
    const role = m.role ? ws.roles[m.role] : undefined;
    if (!role) continue;
    for (const k of role.checkin) covered.add(k);
    const bases = new Set<string>();
    for (const o of role.objectives) baseKpis(ws, o.kpi, bases);
    const kpis = [...bases].filter((k) => imported(ws, k) && !role.checkin.includes(k));
    for (const k of kpis) covered.add(k);
    if (kpis.length > 0) members.set(m.id, kpis);
  }
  const teamKpis = new Set<string>();
  for (const c of team.collective) baseKpis(ws, c.kpi, teamKpis);
  return { members, team: [...teamKpis].filter((k) => imported(ws, k) && !covered.has(k)) };
}

/** Every CRM figure of a team for the working days from `from` to `to` (inclusive), in a stable order. */
export function crmRows(ws: Workspace, team: Team, from: string, to: string, seed: number): CrmRow[] {
  if (from > to) return [];
  const plan = crmPlan(ws, team);
  const calendar = teamCalendar(ws, team);
  const rows: CrmRow[] = [];
  const subjects: { memberId: string | null; kpis: string[] }[] = [
    ...[...plan.members].map(([memberId, kpis]) => ({ memberId, kpis })),
    { memberId: null, kpis: plan.team },
  ];
  // The first working day of its week (a Tuesday after a bank-holiday Monday), whatever the range.
  const firstWorkingDayOfWeek = (d: string) =>
    eachDay(addDays(d, 1 - isoWeekday(d)), d).find((x) => isWorkingDay(x, calendar)) === d;
  for (const date of eachDay(from, to)) {
    if (!isWorkingDay(date, calendar)) continue;
    for (const s of subjects) {
      const member = s.memberId ? team.members.find((m) => m.id === s.memberId) : undefined;
      // No figures before a rep joined.
      if (member && member.start > date) continue;
      const subject = s.memberId ?? `team:${team.id}`;
      const role = member?.role ? ws.roles[member.role] : undefined;
      const level = s.memberId ? repLevel(seed, s.memberId) : 1;
      const steady = mulberry32(hashSeed(`${seed}:steady:${subject}`)).next();
      for (const kpiId of s.kpis) {
        const rng = mulberry32(hashSeed(`${seed}:crm:${subject}:${kpiId}:${date}`));
        const c: DayContext = { rng, level, steady, weekly: weeklyExpectation(ws, role, kpiId) };
        const gen = DAILY[kpiId];
        const kpi = ws.kpis[kpiId]!;
        // A level (portfolio size, NPS, median cycle) is a weekly snapshot, on the week's first working
        // day; a sum has a row only when something happened (a deal won, a customer lost).
        if (kpi.aggregation === 'last' && !firstWorkingDayOfWeek(date)) continue;
        const value = gen ? gen(c) : fallback(kpi, role, c);
        if (value === undefined || !Number.isFinite(value) || (kpi.aggregation === 'sum' && value === 0)) continue;
        rows.push({ date, memberId: s.memberId, teamId: team.id, kpi: kpiId, value });
      }
    }
  }
  return rows;
}

/** The rows as the CSV a CRM export would be (the columns `rituals import` reads). */
export function crmCsv(rows: readonly CrmRow[]): string {
  const lines = rows.map((r) =>
    [
      r.date,
      r.memberId ?? '',
      r.teamId,
      r.kpi,
      String(r.value),
      `crm:${r.memberId ?? `team:${r.teamId}`}:${r.kpi}:${r.date}`,
    ].join(','),
  );
  return ['date,member,team,kpi,value,source_id', ...lines].join('\n');
}
