// The bundled example config holds every seed example of the product brief, with the right direction,
// unit, period and comparator, and the seed collective objectives spread over two teams.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import type { Comparator, Direction, Objective, PeriodKind, Unit, Workspace } from '../../../src/core/domain/model.js';

let ws: Workspace;
beforeAll(async () => {
  ws = (await loadWorkspace()).workspace;
});

function objective(role: string, kpi: string, per?: PeriodKind): Objective {
  const found = ws.roles[role]?.objectives.find((o) => o.kpi === kpi && (per === undefined || o.per === per));
  if (!found) throw new Error(`no objective ${kpi} in ${role}`);
  return found;
}

/** role, kpi, target value, period, comparator, KPI direction, KPI unit */
const SEEDS: readonly [string, string, number, PeriodKind, Comparator, Direction, Unit][] = [
  ['sdr', 'qualified_meetings', 35, 'month', '>=', 'higher', { type: 'count' }],
  ['sdr', 'no_show_rate', 0.15, 'month', '<', 'lower', { type: 'percent' }],
  ['sdr', 'sql_accepted', 15, 'month', '>=', 'higher', { type: 'count' }],
  ['ae', 'new_revenue', 120_000, 'quarter', '>=', 'higher', { type: 'currency', currency: 'EUR' }],
  ['ae', 'win_rate', 0.25, 'quarter', '>=', 'higher', { type: 'percent' }],
  ['ae', 'sales_cycle_days', 60, 'quarter', '<', 'lower', { type: 'days' }],
  ['ae', 'customer_references', 3, 'quarter', '>=', 'higher', { type: 'count' }],
  ['am', 'net_churn', 0.02, 'quarter', '<=', 'lower', { type: 'percent' }],
  ['am', 'nrr', 1.15, 'quarter', '>=', 'higher', { type: 'percent' }],
  ['am', 'upsells_per_strategic_account', 2, 'year', '>=', 'higher', { type: 'count' }],
  ['am', 'key_features_adopted', 3, 'quarter', '>=', 'higher', { type: 'count' }],
  ['marketing', 'mql', 200, 'month', '>=', 'higher', { type: 'count' }],
  ['marketing', 'mql_to_sql', 0.3, 'month', '>=', 'higher', { type: 'percent' }],
  ['marketing', 'cost_per_mql', 120, 'month', '<=', 'lower', { type: 'currency', currency: 'EUR' }],
  ['marketing', 'pipeline_contribution', 0.35, 'quarter', '>=', 'higher', { type: 'percent' }],
  ['support', 'csat', 4.6, 'month', '>=', 'higher', { type: 'score', max: 5 }],
  ['support', 'first_response_hours', 2, 'month', '<', 'lower', { type: 'hours' }],
  ['support', 'fcr_rate', 0.7, 'month', '>=', 'higher', { type: 'percent' }],
];

describe('examples/sales-team.yaml', () => {
  it('has the five seed roles', () => {
    expect(Object.keys(ws.roles).sort()).toEqual(['ae', 'am', 'marketing', 'sdr', 'support']);
  });

  it.each(SEEDS)('%s: %s %s per %s (%s)', (role, kpi, value, per, comparator, direction, unit) => {
    const o = objective(role, kpi, per);
    expect(o.target).toEqual({ value });
    expect(o.comparator).toBe(comparator);
    expect(ws.kpis[kpi]!.direction).toBe(direction);
    expect(ws.kpis[kpi]!.unit).toEqual(unit);
  });

  it('derives the seed ratios from base counts', () => {
    expect(ws.kpis.no_show_rate!.formula).toBe('no_shows / meetings_booked');
    expect(ws.kpis.win_rate!.formula).toBe('deals_won / (deals_won + deals_lost)');
    expect(ws.kpis.mql_to_sql!.formula).toBe('sql_accepted / mql');
    expect(ws.kpis.cost_per_mql!.formula).toBe('marketing_spend / mql');
    for (const id of ['no_show_rate', 'win_rate', 'mql_to_sql', 'cost_per_mql', 'nrr', 'net_churn']) {
      expect(ws.kpis[id]!.sources).toEqual([]);
    }
  });

  it('averages the cycle, CSAT and first response time', () => {
    for (const id of ['sales_cycle_days', 'csat', 'first_response_hours'])
      expect(ws.kpis[id]!.aggregation).toBe('average');
  });

  it('computes the AE monthly revenue target with the seed formula', () => {
    expect(objective('ae', 'new_revenue', 'month').target).toEqual({
      formula: '(opportunities * close_rate) * average_deal - discounts',
      inputs: { close_rate: 0.25, average_deal: 8000, discounts: 2000 },
    });
  });

  it('gives every role a ramp-up curve', () => {
    for (const role of Object.values(ws.roles)) {
      expect(role.ramp.length).toBeGreaterThan(0);
      for (const share of role.ramp) expect(share).toBeGreaterThan(0);
    }
    expect(ws.roles.sdr!.ramp).toEqual([0.25, 0.5, 0.75]);
  });

  it('has a French and a US team with 3 to 5 collective objectives each', () => {
    const [fr, us] = ws.teams;
    expect(fr).toMatchObject({ id: 'sales-fr', timezone: 'Europe/Paris', locale: 'fr', holidays: ['fr'] });
    expect(us).toMatchObject({ id: 'sales-us', timezone: 'America/New_York', locale: 'en', holidays: ['us'] });
    expect(ws.holidays.fr!.builtin).toBe('FR');
    expect(ws.holidays.us!.builtin).toBe('US');
    for (const team of ws.teams) {
      expect(team.collective.length).toBeGreaterThanOrEqual(3);
      expect(team.collective.length).toBeLessThanOrEqual(5);
      expect(team.managers.length).toBeGreaterThan(0);
    }
  });

  it('holds the three seed collective objectives', () => {
    const all = ws.teams.flatMap((t) => t.collective);
    const byKpi = (kpi: string) => all.filter((c) => c.kpi === kpi);
    // Cut the median ICP sales cycle by 15%: cycle days (lower) and slip rate.
    expect(byKpi('icp_cycle_days')[0]).toMatchObject({
      target: 68,
      alert: 75,
      comparator: '<=',
      segment: { segment: 'ICP' },
    });
    expect(ws.kpis.icp_cycle_days!.direction).toBe('lower');
    expect(byKpi('slip_rate')).toHaveLength(1);
    // Reach 110% NRR: logo churn, expansion MRR, NPS.
    expect(byKpi('nrr')[0]).toMatchObject({ target: 1.1, alert: 1.04, per: 'quarter' });
    for (const kpi of ['logo_churn', 'expansion_mrr', 'nps']) expect(byKpi(kpi)).toHaveLength(1);
    // 30 new ICP opportunities per quarter via ABM: meeting rate, SQO, win rate by segment.
    expect(byKpi('icp_opportunities')[0]).toMatchObject({ target: 30, per: 'quarter' });
    for (const kpi of ['abm_meeting_rate', 'sqo']) expect(byKpi(kpi)).toHaveLength(1);
    expect(byKpi('win_rate')[0]!.segment).toEqual({ segment: 'ICP' });
  });

  it('has members of every role, ramping members, an override and a member time zone', () => {
    const members = ws.teams.flatMap((t) => t.members);
    for (const role of Object.keys(ws.roles)) {
      expect(members.filter((m) => m.role === role).length).toBeGreaterThanOrEqual(2);
    }
    expect(members.some((m) => m.role && m.start >= '2026-09-01')).toBe(true);
    const lea = members.find((m) => m.id === 'lea')!;
    expect(lea.overrides).toEqual([
      { kpi: 'new_revenue', target: { value: 150_000 }, per: 'quarter', from: '2026-10-01' },
    ]);
    expect(members.find((m) => m.id === 'david')!.timezone).toBe('America/Los_Angeles');
    for (const m of members) {
      expect(m.ids.slack).toMatch(/^U0/);
      expect(m.ids.email).toMatch(/@/);
    }
  });

  it('keeps a dated target change on the SDR meetings objective', () => {
    expect(objective('sdr', 'qualified_meetings').history).toEqual([{ from: '2026-10-01', target: { value: 40 } }]);
  });
});
