// A small two-team workspace built by hand from the model types, for store and import tests
// (independent of the YAML loader). `fixtureWorkspace()` returns a fresh object each call.
import type { Kpi, Member, RitualSchedule, Role, Team, Workspace } from '../../src/core/domain/model.js';

const label = (en: string, fr: string) => ({ en, fr });

const kpi = (id: string, rest: Omit<Kpi, 'id' | 'label'>): Kpi => ({ id, label: label(id, id), ...rest });

export const FIXTURE_KPIS: Record<string, Kpi> = {
  calls: kpi('calls', {
    unit: { type: 'count' },
    kind: 'activity',
    direction: 'higher',
    aggregation: 'sum',
    sources: ['checkin'],
  }),
  meetings: kpi('meetings', {
    unit: { type: 'count' },
    kind: 'activity',
    direction: 'higher',
    aggregation: 'sum',
    sources: ['checkin', 'import'],
  }),
  opportunities: kpi('opportunities', {
    unit: { type: 'count' },
    kind: 'pipeline',
    direction: 'higher',
    aggregation: 'sum',
    sources: ['import'],
  }),
  won: kpi('won', {
    unit: { type: 'count' },
    kind: 'result',
    direction: 'higher',
    aggregation: 'sum',
    sources: ['import'],
  }),
  revenue: kpi('revenue', {
    unit: { type: 'currency', currency: 'EUR' },
    kind: 'result',
    direction: 'higher',
    aggregation: 'sum',
    sources: ['import', 'api'],
  }),
  win_rate: kpi('win_rate', {
    unit: { type: 'percent' },
    kind: 'quality',
    direction: 'higher',
    aggregation: 'sum',
    formula: 'won / opportunities',
    sources: [],
  }),
  churn: kpi('churn', {
    unit: { type: 'percent' },
    kind: 'result',
    direction: 'lower',
    aggregation: 'last',
    sources: ['import'],
  }),
  csat: kpi('csat', {
    unit: { type: 'score', max: 5 },
    kind: 'quality',
    direction: 'higher',
    aggregation: 'average',
    sources: ['import'],
  }),
};

const ROLES: Record<string, Role> = {
  sdr: {
    id: 'sdr',
    label: label('SDR', 'SDR'),
    checkin: ['calls', 'meetings'],
    objectives: [{ kpi: 'meetings', target: { value: 35 }, history: [], per: 'month', comparator: '>=', weight: 1 }],
    ramp: [0.5, 0.75],
  },
  ae: {
    id: 'ae',
    label: label('Account executive', 'Commercial'),
    checkin: ['meetings'],
    objectives: [
      { kpi: 'revenue', target: { value: 120_000 }, history: [], per: 'quarter', comparator: '>=', weight: 2 },
      { kpi: 'win_rate', target: { value: 0.25 }, history: [], per: 'quarter', comparator: '>=', weight: 1 },
    ],
    ramp: [],
  },
  support: {
    id: 'support',
    label: label('Support agent', 'Agent support'),
    checkin: [],
    objectives: [{ kpi: 'csat', target: { value: 4.6 }, history: [], per: 'month', comparator: '>=', weight: 1 }],
    ramp: [],
  },
};

const member = (id: string, name: string, role: string | undefined, extra: Partial<Member> = {}): Member => ({
  id,
  name,
  role,
  start: '2025-01-06',
  ids: { slack: `U_${id.toUpperCase()}`, teams: `aad-${id}`, email: `${id}@example.com` },
  overrides: [],
  ...extra,
});

const weekly: RitualSchedule = { cron: '0 16 * * 5', localTime: true, enabled: true, remindersMinutes: [60] };

const TEAMS: Team[] = [
  {
    id: 'sales',
    name: 'Sales France',
    timezone: 'Europe/Paris',
    locale: 'fr',
    holidays: [],
    channels: { slack: 'C_SALES' },
    managers: ['carol'],
    members: [
      member('alice', 'Alice Martin', 'sdr'),
      member('bob', 'Bob Durand', 'ae', { overrides: [{ kpi: 'revenue', target: { value: 90_000 } }] }),
      member('carol', 'Carol Petit', undefined),
    ],
    collective: [
      {
        id: 'pipeline',
        kpi: 'opportunities',
        target: 30,
        per: 'quarter',
        alert: 20,
        frequency: 'week',
        comparator: '>=',
        owner: 'carol',
        contributors: ['alice', 'bob'],
      },
    ],
    rituals: { checkin: weekly },
  },
  {
    id: 'support',
    name: 'Support',
    timezone: 'Europe/London',
    locale: 'en',
    holidays: [],
    channels: { teams: '19:support@thread.tacv2' },
    managers: ['erin'],
    members: [member('dave', 'Dave Smith', 'support'), member('erin', 'Erin Jones', 'support')],
    collective: [],
    rituals: {},
  },
];

export function fixtureWorkspace(): Workspace {
  return structuredClone({
    name: 'Fixture Co',
    defaults: {
      locale: 'en',
      timezone: 'Europe/Paris',
      fiscalYearStart: 1,
      weekStart: 1,
      workingWeekdays: [1, 2, 3, 4, 5],
      status: { onTrack: 1, atRisk: 0.8 },
      attainmentCap: 1.5,
    },
    holidays: {},
    kpis: FIXTURE_KPIS,
    roles: ROLES,
    teams: TEAMS,
  }) as Workspace;
}

/** The fixture with one member removed from its team (as if deleted from the config file). */
export function withoutMember(ws: Workspace, memberId: string): Workspace {
  return { ...ws, teams: ws.teams.map((t) => ({ ...t, members: t.members.filter((m) => m.id !== memberId) })) };
}

/** The fixture with a role objective's base target changed. */
export function withRoleTarget(ws: Workspace, roleId: string, kpiId: string, value: number): Workspace {
  const role = ws.roles[roleId]!;
  return {
    ...ws,
    roles: {
      ...ws.roles,
      [roleId]: {
        ...role,
        objectives: role.objectives.map((o) => (o.kpi === kpiId ? { ...o, target: { value } } : o)),
      },
    },
  };
}
