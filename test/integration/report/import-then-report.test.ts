// `rituals import` of a French CSV, then `rituals report --json --at ...`: every figure below is
// computed by hand from test/fixtures/report (November 2026, Paris: 20 working days, 12 elapsed by
// the 18th, the 11th being a public holiday).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rituals-report-'));
const env = {
  DATABASE_URL: `file:${join(dir, 'r.db')}`,
  RITUALS_CONFIG: join(repoRoot, 'test/fixtures/report/workspace.yaml'),
};
const csv = join(repoRoot, 'test/fixtures/report/values.csv');

type Json = Record<string, any>;
let report: Json;

beforeAll(() => {
  const imported = runCli(['import', csv], env);
  expect(imported.stderr).toBe('');
  expect(imported.status).toBe(0);
  expect(imported.stdout).toContain('imported 14 values (14 new');
  const r = runCli(
    ['report', '--team', 'sales-fr', '--period', '2026-11', '--at', '2026-11-18T12:00:00+01:00', '--json'],
    env,
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  report = JSON.parse(r.stdout) as Json;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const member = (id: string): Json => report.members.find((m: Json) => m.id === id);
const kpi = (id: string, k: string): Json => member(id).kpis.find((r: Json) => r.kpi === k);

describe('import then report', () => {
  it('re-importing the same file adds nothing', () => {
    const again = runCli(['import', csv], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('imported 14 values (0 new, 0 updated, 14 unchanged)');
  });

  it('gives the period', () => {
    expect(report.team).toBe('sales-fr');
    expect(report.period).toMatchObject({
      kind: 'month',
      key: '2026-11',
      start: '2026-11-01',
      end: '2026-11-30',
      asOf: '2026-11-18T12:00:00+01:00',
      workingDays: 20,
      workingDaysElapsed: 12,
    });
  });

  it("computes alice's qualified meetings: 8 + 12 (the value of the 20th is after the as-of day)", () => {
    const r = kpi('alice', 'qualified_meetings');
    expect(r.actual).toBe(20);
    expect(r.target).toBe(35);
    expect(r.attainment).toBeCloseTo(20 / 35, 4);
    expect(r.projected).toBeCloseTo((20 / 12) * 20, 4); // 33.3333
    expect(r.projectedAttainment).toBeCloseTo(33.3333 / 35, 4); // 0.9524
    expect(r.neededPerDay).toBeCloseTo(1.875, 4); // (35 - 20) / 8 remaining days
    expect(r.status).toBe('at_risk');
    expect(r.met).toBe(false);
  });

  it("derives alice's no-show rate from the month's totals: (1 + 2) / (10 + 14)", () => {
    const r = kpi('alice', 'no_show_rate');
    expect(r.direction).toBe('lower');
    expect(r.actual).toBeCloseTo(0.125, 6);
    expect(r.target).toBeCloseTo(0.15, 6);
    expect(r.attainment).toBeCloseTo(0.15 / 0.125, 6); // 1.2: lower is better
    expect(r.projected).toBeCloseTo(0.125, 6); // a ratio projects as its current value
    expect(r.status).toBe('on_track');
    expect(r.met).toBe(true); // 12.5 % < 15 %
  });

  it('ramps bruno (second month of tenure: 50 % of 35)', () => {
    const qm = kpi('bruno', 'qualified_meetings');
    expect(qm.target).toBeCloseTo(17.5, 6);
    expect(qm.attainment).toBeCloseTo(0.8, 6);
    expect(qm.projected).toBeCloseTo((14 / 12) * 20, 4); // 23.3333
    expect(qm.neededPerDay).toBeCloseTo((17.5 - 14) / 8, 6); // 0.4375
    expect(qm.status).toBe('on_track');
    const ns = kpi('bruno', 'no_show_rate');
    expect(ns.actual).toBeCloseTo(0.2, 6);
    expect(ns.attainment).toBeCloseTo(0.75, 6);
    expect(ns.met).toBe(false);
    expect(ns.status).toBe('off_track');
  });

  it('scores on weighted capped attainment and ranks with movement from October', () => {
    // alice: (2 x 20/35 + 1 x 1.2) / 3; bruno: (2 x 0.8 + 1 x 0.75) / 3.
    expect(member('alice').score).toBeCloseTo((2 * (20 / 35) + 1.2) / 3, 4);
    expect(member('bruno').score).toBeCloseTo((2 * 0.8 + 0.75) / 3, 4);
    // October: alice 30/35 = 0.857 ranked 1st, bruno 5/8.75 = 0.571 2nd; November swaps them.
    expect(member('bruno')).toMatchObject({ rank: 1, movement: 1 });
    expect(member('alice')).toMatchObject({ rank: 2, movement: -1 });
    expect(report.members.map((m: Json) => m.id)).toEqual(['bruno', 'alice']); // carla has no role
  });

  it('rolls the team-level MQL up into the collective objective and flags the breach', () => {
    expect(report.collective).toHaveLength(1);
    const c = report.collective[0] as Json;
    expect(c).toMatchObject({
      objective: 'mql-volume',
      kpi: 'mql',
      actual: 80,
      target: 200,
      alert: 150,
      owner: 'carla',
    });
    expect(c.attainment).toBeCloseTo(0.4, 6);
    expect(c.projected).toBeCloseTo((80 / 12) * 20, 4); // 133.3333 <= 150: breached
    expect(c.status).toBe('breached');
  });

  it('prints a readable table in the team language', () => {
    const r = runCli(['report', '--team', 'sales-fr', '--period', '2026-11', '--at', '2026-11-18T12:00:00+01:00'], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Ventes France — 2026-11');
    expect(r.stdout).toContain('12 jours ouvrés écoulés sur 20');
    expect(r.stdout).toContain('Bruno Leroy');
    expect(r.stdout).toContain('Seuil franchi');
  });

  it.each([
    [['--team', 'nope', '--period', '2026-11'], 'unknown team "nope"'],
    [['--team', 'sales-fr', '--period', '2026-13'], '2026-13'],
    [['--team', 'sales-fr', '--period', 'november'], 'november'],
    [['--team', 'sales-fr', '--period', '2026-11', '--at', 'yesterday'], 'malformed date-time "yesterday"'],
  ])('refuses %j with one line and a non-zero exit', (args, message) => {
    const r = runCli(['report', ...args], env);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('gives a valid empty report for a period without data', () => {
    const r = runCli(
      ['report', '--team', 'sales-fr', '--period', '2027-W05', '--at', '2027-02-01T09:00:00+01:00', '--json'],
      env,
    );
    expect(r.status).toBe(0);
    const empty = JSON.parse(r.stdout) as Json;
    expect(empty.period).toMatchObject({
      kind: 'week',
      key: '2027-W05',
      start: '2027-02-01',
      end: '2027-02-07',
      workingDays: 5,
      workingDaysElapsed: 1,
    });
    expect(kpi.call(null, 'alice', 'qualified_meetings')).toBeDefined();
    const alice = empty.members.find((m: Json) => m.id === 'alice');
    expect(alice.kpis.find((k: Json) => k.kpi === 'qualified_meetings').actual).toBe(0);
    // MQL comes only from imports: nothing imported yet is awaiting data, not 0.
    expect(empty.collective[0]).toMatchObject({ actual: null, dataState: 'awaiting_data', status: null });
  });
});
