// The workspace of the scale benchmark: N members in teams of at most 50 (20 teams at least), half
// SDRs and half AEs, each answering a weekly check-in of 8 KPIs and carrying one result KPI imported
// daily from the CRM, plus two team-level daily imports. `fillHistory` writes two years of that history
// (check-ins, metric values, some out-of-office weeks) straight into the SQLite file, through the store's
// raw access for benchmarks and tests, as the repositories would have stored it, so generating 10,000
// members takes about a minute.

import { addDays, isoWeekday } from '../src/core/domain/calendar-days.js';
import { periodOfDate } from '../src/core/domain/periods.js';
import type { RawSqlite } from '../src/store/raw-access.js';

/** The bench's "now": Friday 20 November 2026, 16:00:05 in Paris and Berlin, right after the check-in fire. */
export const SCALE_NOW = new Date('2026-11-20T15:00:05.000Z');
/** Two years of history, up to the day before. */
export const HISTORY_FROM = '2024-11-18';
const HISTORY_TO = '2026-11-19';

const SDR_CHECKIN = [
  'calls',
  'emails',
  'linkedin_touches',
  'meetings_booked',
  'qualified_meetings',
  'no_shows',
  'sql_accepted',
  'icp_opportunities',
];
const AE_CHECKIN = [
  'opportunities',
  'proposals_sent',
  'demos',
  'deals_won',
  'deals_lost',
  'customer_references',
  'follow_ups',
  'meetings_held',
];
const TYPICAL: Readonly<Record<string, number>> = {
  calls: 90,
  emails: 120,
  linkedin_touches: 40,
  meetings_booked: 10,
  qualified_meetings: 8,
  no_shows: 1,
  sql_accepted: 4,
  icp_opportunities: 2,
  opportunities: 5,
  proposals_sent: 4,
  demos: 6,
  deals_won: 1,
  deals_lost: 2,
  customer_references: 0,
  follow_ups: 25,
  meetings_held: 8,
};

export interface ScaleMember {
  readonly id: string;
  readonly team: string;
  readonly role: 'sdr' | 'ae' | null;
  readonly start: string;
}

export interface ScaleTeam {
  readonly id: string;
  readonly zone: string;
  readonly manager: string;
  readonly members: readonly ScaleMember[];
}

export function teamCount(members: number): number {
  return Math.max(20, Math.ceil(members / 50));
}

/** Deterministic members: the first of each team is its manager (no role); 2 % start in January 2027. */
export function scaleTeams(members: number): ScaleTeam[] {
  const count = teamCount(members);
  const teams: ScaleTeam[] = [];
  let n = 0;
  for (let t = 0; t < count; t++) {
    const size = Math.floor(members / count) + (t < members % count ? 1 : 0);
    const list: ScaleMember[] = [];
    for (let k = 0; k < size; k++) {
      n++;
      const start =
        n % 50 === 7 ? '2027-01-04' : n % 25 === 3 ? '2026-09-14' : `${2019 + (n % 6)}-0${1 + (n % 9)}-0${1 + (n % 7)}`;
      list.push({ id: `m${n}`, team: `team${t + 1}`, role: k === 0 ? null : k % 2 === 0 ? 'ae' : 'sdr', start });
    }
    teams.push({
      id: `team${t + 1}`,
      zone: t % 2 === 0 ? 'Europe/Paris' : 'Europe/Berlin',
      manager: list[0]!.id,
      members: list,
    });
  }
  return teams;
}

function kpiYaml(): string[] {
  const count = (id: string, en: string, extra = '') =>
    `  ${id}: { label: { en: ${en}, fr: ${en} }, unit: count${extra} }`;
  return [
    'kpis:',
    ...SDR_CHECKIN.filter((k) => k !== 'no_shows').map((k) => count(k, k.replace(/_/g, ' '))),
    count('no_shows', 'No-shows', ', kind: quality, direction: lower'),
    ...AE_CHECKIN.filter((k) => k !== 'deals_lost').map((k) => count(k, k.replace(/_/g, ' '))),
    count('deals_lost', 'Deals lost', ', kind: result, direction: lower'),
    '  no_show_rate: { label: { en: No-show rate, fr: Taux de no-show }, unit: percent, kind: quality, direction: lower, formula: no_shows / meetings_booked }',
    '  win_rate: { label: { en: Win rate, fr: Taux de transformation }, unit: percent, kind: quality, formula: deals_won / (deals_won + deals_lost) }',
    '  pipeline_generated: { label: { en: Pipeline generated, fr: Pipeline généré }, unit: { currency: EUR }, kind: pipeline, source: import }',
    '  new_revenue: { label: { en: New revenue, fr: Nouveau revenu }, unit: { currency: EUR }, kind: result, source: import }',
    '  expansion_mrr: { label: { en: Expansion MRR, fr: MRR d expansion }, unit: { currency: EUR }, kind: result, source: import }',
    '  churned_mrr: { label: { en: Churned MRR, fr: MRR perdu }, unit: { currency: EUR }, kind: result, direction: lower, source: import }',
  ];
}

function roleYaml(): string[] {
  return [
    'roles:',
    '  sdr:',
    '    label: { en: SDR, fr: SDR }',
    `    checkin: [${SDR_CHECKIN.join(', ')}]`,
    '    ramp: [25%, 50%, 75%]',
    '    objectives:',
    '      - { kpi: qualified_meetings, target: 35, per: month, weight: 2, history: [{ from: 2026-10-01, target: 40 }] }',
    '      - { kpi: no_show_rate, target: 15%, per: month, comparator: "<" }',
    '      - { kpi: sql_accepted, target: 15, per: month, weight: 2 }',
    '      - { kpi: calls, target: 400, per: month }',
    '      - { kpi: pipeline_generated, target: 60k, per: quarter }',
    '  ae:',
    '    label: { en: Account Executive, fr: Account Executive }',
    `    checkin: [${AE_CHECKIN.join(', ')}]`,
    '    objectives:',
    '      - { kpi: new_revenue, target: 120k, per: quarter, weight: 3 }',
    '      - kpi: new_revenue',
    '        per: month',
    '        weight: 0',
    '        target: { formula: (opportunities * close_rate) * average_deal - discounts, inputs: { close_rate: 25%, average_deal: 8000, discounts: 2000 } }',
    '      - { kpi: win_rate, target: 25%, per: quarter, weight: 2 }',
    '      - { kpi: proposals_sent, target: 16, per: month }',
  ];
}

function teamYaml(team: ScaleTeam): string[] {
  const sdrs = team.members.filter((m) => m.role === 'sdr').length;
  const aes = team.members.filter((m) => m.role === 'ae').length;
  const owner = team.members[1]?.id ?? team.manager;
  const lines = [
    `  - id: ${team.id}`,
    `    name: Team ${team.id.slice(4)}`,
    `    timezone: ${team.zone}`,
    `    holidays: [${team.zone === 'Europe/Paris' ? 'fr' : 'de'}]`,
    `    channels: { slack: C${team.id.toUpperCase()} }`,
    `    managers: [${team.manager}]`,
    '    members:',
    ...team.members.map(
      (m) =>
        `      - { id: ${m.id}, name: Member ${m.id.slice(1)},${m.role ? ` role: ${m.role},` : ''} start: ${m.start}, slack: U${m.id.toUpperCase()} }`,
    ),
    '    collective:',
    `      - { id: meetings, kpi: qualified_meetings, target: ${Math.max(1, sdrs) * 90}, alert: ${Math.max(1, sdrs) * 70}, per: quarter, owner: ${owner}, contributors: [], approver: ${team.manager} }`,
    `      - { id: revenue, kpi: new_revenue, target: ${Math.max(1, aes) * 100000}, alert: ${Math.max(1, aes) * 75000}, per: quarter, owner: ${owner}, contributors: [], approver: ${team.manager} }`,
    `      - { id: win-rate, kpi: win_rate, target: 30%, alert: 20%, per: quarter, owner: ${owner}, contributors: [], approver: ${team.manager} }`,
    `      - { id: churn, kpi: churned_mrr, target: 20000, alert: 30000, per: quarter, owner: ${team.manager}, contributors: [], approver: ${team.manager} }`,
    '    rituals:',
    '      checkin: { cron: "0 16 * * 5", local_time: true, reminders: [2h, 65h], deadline: 3d }',
    '      leaderboard: { cron: "0 9 * * 1", top: 5 }',
    '      progress: { cron: "0 9 * * 1" }',
    '      breach_scan: { cron: "0 8 * * 1-5", escalate_after: 2d }',
    '      standup: { cron: "30 9 * * 1" }',
    '      monthly_review: { cron: "0 9 1W * *" }',
    '      qbr: { cron: "0 10 1W 1,4,7,10 *" }',
  ];
  return lines;
}

export function scaleWorkspaceYaml(teams: readonly ScaleTeam[]): string {
  return `${[
    'workspace: { name: Scale Corp, locale: en, timezone: Europe/Paris }',
    'holidays:',
    '  fr: { builtin: FR, dates: [2026-12-24] }',
    '  de: { builtin: DE }',
    ...kpiYaml(),
    ...roleYaml(),
    'teams:',
    ...teams.flatMap(teamYaml),
  ].join('\n')}\n`;
}

/** mulberry32: a small seeded generator, so every run writes the same history. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistoryCounts {
  metricValues: number;
  checkIns: number;
  oooPeriods: number;
}

/** Writes two years of check-ins, daily imports and out-of-office weeks for every member with a role. */
export function fillHistory(sqlite: RawSqlite, teams: readonly ScaleTeam[]): HistoryCounts {
  const counts: HistoryCounts = { metricValues: 0, checkIns: 0, oooPeriods: 0 };
  const value = sqlite.prepare(
    'insert into metric_values (member_id, team_id, kpi_id, date, value, source, external_id, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const checkIn = sqlite.prepare(
    "insert into check_ins (member_id, team_id, period_key, submitted_at, \"values\", wins, blockers, idempotency_key, status, platform) values (?, ?, ?, ?, ?, ?, ?, ?, 'submitted', 'slack')",
  );
  const ooo = sqlite.prepare(
    "insert into ooo_periods (member_id, from_date, to_date, reason, created_by, created_at) values (?, ?, ?, 'holiday', ?, ?)",
  );
  const settings = { weekStart: 1, fiscalYearStart: 1 };
  const days: string[] = [];
  for (let d = HISTORY_FROM; d <= HISTORY_TO; d = addDays(d, 1)) days.push(d);
  const fridays = days.filter((d) => isoWeekday(d) === 5);
  const weekdays = days.filter((d) => isoWeekday(d) <= 5);

  const writeMember = sqlite.transaction((team: ScaleTeam, m: ScaleMember, index: number) => {
    const rnd = random(index * 7919 + 17);
    const kpis = m.role === 'sdr' ? SDR_CHECKIN : AE_CHECKIN;
    for (const friday of fridays) {
      if (friday < m.start) continue;
      const week = periodOfDate('week', friday, settings).key;
      const at = `${friday}T16:${String(10 + Math.floor(rnd() * 40)).padStart(2, '0')}:00.000Z`;
      const values: Record<string, number> = {};
      for (const kpi of kpis) {
        values[kpi] = Math.round(TYPICAL[kpi]! * (0.5 + rnd()));
        value.run(m.id, team.id, kpi, friday, values[kpi], 'checkin', `checkin:${m.id}:${week}:${kpi}`, at);
        counts.metricValues++;
      }
      checkIn.run(
        m.id,
        team.id,
        week,
        at,
        JSON.stringify(values),
        rnd() < 0.3 ? 'Signed a pilot' : null,
        rnd() < 0.2 ? 'Waiting on legal' : null,
        `bench:${m.id}:${week}`,
      );
      counts.checkIns++;
    }
    const imported = m.role === 'sdr' ? 'pipeline_generated' : 'new_revenue';
    for (const day of weekdays) {
      if (day < m.start) continue;
      value.run(
        m.id,
        team.id,
        imported,
        day,
        Math.round(rnd() * (m.role === 'sdr' ? 5000 : 3000)),
        'import',
        `crm:${m.id}:${day}:${imported}`,
        `${day}T22:00:00.000Z`,
      );
      counts.metricValues++;
    }
    // One week out of office per quarter for a member in ten, and one now for a member in forty.
    if (index % 10 === 4) {
      for (let q = 0; q < 8; q++) {
        const from = addDays('2024-12-02', q * 91 + (index % 5) * 7);
        ooo.run(m.id, from, addDays(from, 4), m.id, `${from}T08:00:00.000Z`);
        counts.oooPeriods++;
      }
    }
    if (index % 40 === 11) {
      ooo.run(m.id, '2026-11-16', '2026-11-27', m.id, '2026-11-10T08:00:00.000Z');
      counts.oooPeriods++;
    }
  });
  const writeTeam = sqlite.transaction((team: ScaleTeam) => {
    for (const day of weekdays) {
      for (const kpi of ['expansion_mrr', 'churned_mrr']) {
        value.run(
          null,
          team.id,
          kpi,
          day,
          Math.round(200 + (day.charCodeAt(9) % 7) * 50),
          'import',
          `crm:${team.id}:${day}:${kpi}`,
          `${day}T22:00:00.000Z`,
        );
        counts.metricValues++;
      }
    }
  });

  let index = 0;
  for (const team of teams) {
    writeTeam(team);
    for (const m of team.members) {
      index++;
      if (m.role !== null) writeMember(team, m, index);
    }
  }
  return counts;
}
