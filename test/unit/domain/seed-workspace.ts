// Test fixture: a workspace holding the seed objectives of PRODUCT.md (SDR, AE, AM/CSM, Marketing,
// Support) and small builders for teams, members and metric values.

import type { MetricValue } from '../../../src/core/domain/metric-values.js';
import type {
  Aggregation,
  CollectiveObjective,
  Comparator,
  Direction,
  Kpi,
  Member,
  Objective,
  PeriodKind,
  Role,
  TargetSpec,
  Team,
  Unit,
  Workspace,
  WorkspaceDefaults,
} from '../../../src/core/domain/model.js';

const COUNT: Unit = { type: 'count' };
const EUR: Unit = { type: 'currency', currency: 'EUR' };
const PERCENT: Unit = { type: 'percent' };

function kpi(
  id: string,
  opts: { unit?: Unit; direction?: Direction; aggregation?: Aggregation; formula?: string; kind?: Kpi['kind'] } = {},
): Kpi {
  return {
    id,
    label: { en: id, fr: id },
    unit: opts.unit ?? COUNT,
    kind: opts.kind ?? 'activity',
    direction: opts.direction ?? 'higher',
    aggregation: opts.aggregation ?? 'sum',
    ...(opts.formula === undefined ? {} : { formula: opts.formula }),
    sources: opts.formula === undefined ? ['checkin'] : [],
  };
}

export const SEED_KPIS: Record<string, Kpi> = Object.fromEntries(
  [
    // SDR
    kpi('qualified_meetings'),
    kpi('meetings_booked'),
    kpi('no_shows'),
    kpi('no_show_rate', { formula: 'no_shows / meetings_booked', direction: 'lower', unit: PERCENT, kind: 'quality' }),
    kpi('sql', { kind: 'pipeline' }),
    // AE
    kpi('new_revenue', { unit: EUR, kind: 'result' }),
    kpi('deals_won', { kind: 'result' }),
    kpi('deals_lost', { kind: 'result' }),
    kpi('win_rate', { formula: 'deals_won / (deals_won + deals_lost)', unit: PERCENT, kind: 'quality' }),
    kpi('cycle_days', { aggregation: 'average', direction: 'lower', unit: { type: 'days' }, kind: 'result' }),
    kpi('customer_references', { kind: 'result' }),
    kpi('opportunities', { kind: 'pipeline' }),
    // AM / CSM: NRR is derived from net churn, itself derived (nested formulas).
    kpi('starting_mrr', { aggregation: 'last', unit: EUR, kind: 'result' }),
    kpi('churned_mrr', { unit: EUR, kind: 'result' }),
    kpi('expansion_mrr', { unit: EUR, kind: 'result' }),
    kpi('net_churn', {
      formula: '(churned_mrr - expansion_mrr) / starting_mrr',
      direction: 'lower',
      unit: PERCENT,
      kind: 'result',
    }),
    kpi('nrr', { formula: '1 - net_churn', unit: PERCENT, kind: 'result' }),
    kpi('upsells', { kind: 'result' }),
    kpi('strategic_accounts', { aggregation: 'last' }),
    kpi('upsells_per_account', { formula: 'upsells / strategic_accounts', kind: 'result' }),
    kpi('key_features_adopted', { aggregation: 'last', kind: 'result' }),
    // Marketing
    kpi('mql', { kind: 'pipeline' }),
    kpi('mql_to_sql', { formula: 'sql / mql', unit: PERCENT, kind: 'quality' }),
    kpi('marketing_spend', { unit: EUR }),
    kpi('cost_per_mql', { formula: 'marketing_spend / mql', direction: 'lower', unit: EUR, kind: 'result' }),
    kpi('marketing_pipeline', { unit: EUR, kind: 'pipeline' }),
    kpi('total_pipeline', { unit: EUR, kind: 'pipeline' }),
    kpi('pipeline_contribution', { formula: 'marketing_pipeline / total_pipeline', unit: PERCENT, kind: 'result' }),
    // Support
    kpi('csat', { aggregation: 'average', unit: { type: 'score', max: 5 }, kind: 'quality' }),
    kpi('frt_hours', { aggregation: 'average', direction: 'lower', unit: { type: 'hours' }, kind: 'quality' }),
    kpi('tickets'),
    kpi('resolved_first_contact'),
    kpi('fcr', { formula: 'resolved_first_contact / tickets', unit: PERCENT, kind: 'quality' }),
  ].map((k) => [k.id, k]),
);

export function objective(
  kpiId: string,
  target: number | TargetSpec,
  per: PeriodKind,
  comparator: Comparator,
  extra: Partial<Objective> = {},
): Objective {
  return {
    kpi: kpiId,
    target: typeof target === 'number' ? { value: target } : target,
    history: [],
    per,
    comparator,
    weight: 1,
    ...extra,
  };
}

function role(id: string, objectives: Objective[], ramp: number[] = []): Role {
  return { id, label: { en: id, fr: id }, checkin: [], objectives, ramp };
}

export const SEED_ROLES: Record<string, Role> = {
  sdr: role('sdr', [
    objective('qualified_meetings', 35, 'month', '>='),
    objective('no_show_rate', 0.15, 'month', '<'),
    objective('sql', 15, 'month', '>='),
  ]),
  ae: role(
    'ae',
    [
      objective('new_revenue', 120_000, 'quarter', '>='),
      objective('win_rate', 0.25, 'quarter', '>='),
      objective('cycle_days', 60, 'quarter', '<'),
      objective('customer_references', 3, 'quarter', '>='),
    ],
    [0.25, 0.5, 0.75],
  ),
  am: role('am', [
    objective('net_churn', 0.02, 'quarter', '<='),
    objective('nrr', 1.15, 'quarter', '>='),
    objective('upsells_per_account', 2, 'year', '>='),
    objective('key_features_adopted', 3, 'quarter', '>='),
  ]),
  marketing: role('marketing', [
    objective('mql', 200, 'month', '>='),
    objective('mql_to_sql', 0.3, 'month', '>='),
    objective('cost_per_mql', 120, 'month', '<='),
    objective('pipeline_contribution', 0.35, 'quarter', '>='),
  ]),
  support: role('support', [
    objective('csat', 4.6, 'month', '>='),
    objective('frt_hours', 2, 'month', '<'),
    objective('fcr', 0.7, 'month', '>='),
  ]),
};

export const DEFAULTS: WorkspaceDefaults = {
  locale: 'fr',
  timezone: 'Europe/Paris',
  fiscalYearStart: 1,
  weekStart: 1,
  workingWeekdays: [1, 2, 3, 4, 5],
  status: { onTrack: 1, atRisk: 0.85 },
  attainmentCap: 2,
};

export function member(id: string, roleId: string | undefined, extra: Partial<Member> = {}): Member {
  return {
    id,
    name: id,
    ...(roleId === undefined ? {} : { role: roleId }),
    start: '2024-01-01',
    ids: {},
    overrides: [],
    ...extra,
  };
}

export function collective(
  id: string,
  kpiId: string,
  target: number,
  alert: number,
  per: PeriodKind,
  extra: Partial<CollectiveObjective> = {},
): CollectiveObjective {
  return {
    id,
    kpi: kpiId,
    target,
    alert,
    per,
    frequency: 'week',
    comparator: '>=',
    owner: 'carla',
    contributors: [],
    ...extra,
  };
}

export function team(id: string, members: Member[], extra: Partial<Team> = {}): Team {
  return {
    id,
    name: id,
    timezone: 'Europe/Paris',
    locale: 'fr',
    holidays: ['fr'],
    channels: {},
    managers: [],
    members,
    collective: [],
    rituals: {},
    ...extra,
  };
}

export function workspace(
  teams: Team[],
  extra: { defaults?: Partial<WorkspaceDefaults>; roles?: Record<string, Role>; kpis?: Record<string, Kpi> } = {},
): Workspace {
  return {
    name: 'test',
    defaults: { ...DEFAULTS, ...extra.defaults },
    holidays: {
      fr: { id: 'fr', builtin: 'FR', dates: [] },
      us: { id: 'us', builtin: 'US', dates: [] },
    },
    kpis: { ...SEED_KPIS, ...extra.kpis },
    roles: { ...SEED_ROLES, ...extra.roles },
    teams,
  };
}

/** A member-level value. */
export function mv(memberId: string, kpiId: string, date: string, value: number): MetricValue {
  return { memberId, kpi: kpiId, date, value, recordedAt: `${date}T18:00:00Z` };
}

/** A team-level value. */
export function tv(teamId: string, kpiId: string, date: string, value: number): MetricValue {
  return { teamId, kpi: kpiId, date, value, recordedAt: `${date}T18:00:00Z` };
}
