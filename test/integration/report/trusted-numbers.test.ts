// `rituals import` then `rituals report --json` on test/fixtures/report/trusted-workspace.yaml: the rules
// that keep figures honest where real data is messy, every figure computed by hand. December 2026 in
// Paris: 22 working days (25 Dec off); by Wednesday 2nd 2 have elapsed, by Thursday 3rd 3.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rituals-trusted-'));
const env = {
  DATABASE_URL: `file:${join(dir, 'r.db')}`,
  RITUALS_CONFIG: join(repoRoot, 'test/fixtures/report/trusted-workspace.yaml'),
};

type Json = Record<string, any>;
const report = (period: string, at: string): Json => {
  const r = runCli(['report', '--team', 'sdr-fr', '--period', period, '--at', at, '--json'], env);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Json;
};
let early: Json;
let later: Json;

beforeAll(() => {
  const imported = runCli(['import', join(repoRoot, 'test/fixtures/report/trusted-values.csv')], env);
  expect(imported.status).toBe(0);
  early = report('2026-12', '2026-12-02T18:00:00+01:00');
  later = report('2026-12', '2026-12-03T18:00:00+01:00');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const member = (r: Json, id: string): Json => r.members.find((m: Json) => m.id === id);
const row = (r: Json, id: string, kpi: string): Json => member(r, id).kpis.find((k: Json) => k.kpi === kpi);

describe('trusted numbers through the CLI', () => {
  it('keeps an explicit 0 (the cap) apart from no value (no attainment) on a lower-is-better KPI', () => {
    expect(row(later, 'ana', 'no_shows')).toMatchObject({
      dataState: 'ok',
      actual: 0,
      target: 4,
      attainment: 2,
      capped: true,
    });
    expect(row(later, 'ben', 'no_shows')).toMatchObject({
      dataState: 'no_data',
      actual: null,
      attainment: null,
      status: null,
      projected: null,
    });
  });

  it('leaves an objective awaiting its import out of status, projection and score', () => {
    expect(row(later, 'ana', 'crm_revenue')).toMatchObject({
      dataState: 'awaiting_data',
      actual: null,
      attainment: null,
      projected: null,
      status: null,
      met: null,
    });
    // ana: (2 × 4/40 + 1 × 2) / 3 = 0.7333 — the CRM revenue (weight 1) is not counted as 0.
    expect(member(later, 'ana').score).toBeCloseTo((2 * 0.1 + 2) / 3, 10);
    // ben: the no-show count has no value: 6/40 alone, weights renormalised.
    expect(member(later, 'ben').score).toBeCloseTo(0.15, 10);
    expect(later.collective.find((c: Json) => c.objective === 'crm-pipeline')).toMatchObject({
      dataState: 'awaiting_data',
      actual: null,
      status: null,
    });
  });

  it('lists a member with no scored data unranked with the reason; the others ranked', () => {
    expect(member(later, 'dan')).toMatchObject({ score: null, rank: null, unrankedReason: 'no_data' });
    expect(later.members.map((m: Json) => [m.id, m.rank, m.unrankedReason])).toEqual([
      ['ana', 1, null],
      ['ben', 2, null],
      ['cleo', 3, null],
      ['dan', null, 'no_data'],
    ]);
  });

  it('ramps per working day: started 5 October, December at 50 % for 1-4 Dec and 75 % after', () => {
    // 40 × (4 × 0.5 + 18 × 0.75) / 22 = 28.1818; the no-show ceiling is not ramped.
    expect(row(later, 'cleo', 'qualified_meetings').target).toBeCloseTo((40 * 15.5) / 22, 10);
    expect(row(later, 'cleo', 'no_shows').target).toBe(4);
    // Week 50 (7-11 Dec): 5 days at 75 % of December's 22: 6.8182.
    expect(row(report('2026-W50', '2026-12-14T09:00:00+01:00'), 'cleo', 'qualified_meetings').target).toBeCloseTo(
      (40 * 5 * 0.75) / 22,
      10,
    );
  });

  it('gives no status before enough working days have elapsed (max(2, 10 % of 22) = 2.2 days)', () => {
    expect(early.period.workingDaysElapsed).toBe(2);
    expect(row(early, 'ana', 'qualified_meetings')).toMatchObject({
      actual: 4,
      attainment: 0.1,
      projected: null,
      status: null,
      neededPerDay: 1.8,
    });
    expect(early.collective.find((c: Json) => c.objective === 'meetings')).toMatchObject({
      actual: 13,
      status: null,
      projected: null,
    });
    // A day later: 4 / 3 × 22 = 29.33 of 40 is off track; 13 / 3 × 22 = 95.3 is between 80 and 120.
    expect(row(later, 'ana', 'qualified_meetings')).toMatchObject({ status: 'off_track' });
    expect(row(later, 'ana', 'qualified_meetings').projected).toBeCloseTo((4 / 3) * 22, 10);
    expect(later.collective.find((c: Json) => c.objective === 'meetings')).toMatchObject({ status: 'at_risk' });
  });

  it('clamps a negative computed target to 0: no target, met null', () => {
    // ana: 2 opportunities × 1 000 − 5 000 = −3 000.
    expect(row(later, 'ana', 'signed')).toMatchObject({
      target: 0,
      noTarget: true,
      met: null,
      attainment: null,
      status: null,
    });
  });

  it('carries the objective id and period on each row', () => {
    expect(row(later, 'ana', 'signed')).toMatchObject({ id: 'role:sdr:signed:month', per: 'month', sharedKpi: false });
  });

  it('words it the same way in the text table', () => {
    const r = runCli(['report', '--team', 'sdr-fr', '--period', '2026-12', '--at', '2026-12-02T18:00:00+01:00'], env);
    expect(r.status).toBe(0);
    for (const text of ['≥ 200%', 'Awaiting data', 'Too early to tell', 'No target', 'not ranked: no data yet', '28.2'])
      expect(r.stdout).toContain(text);
  });
});
