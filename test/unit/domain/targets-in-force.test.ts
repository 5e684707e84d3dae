// Collective targets changed over time (a QBR change kept in the store) and members who have not
// started yet: which target a report uses, and who is in it.
import { describe, expect, it } from 'vitest';
import { ISO_PERIOD_SETTINGS, type Period, parsePeriodKey } from '../../../src/core/domain/periods.js';
import { buildCollectiveRows, buildTeamReport } from '../../../src/core/domain/report.js';
import { collectiveTargetInForce } from '../../../src/core/domain/targets.js';
import { collective, member, mv, team, tv, workspace } from './seed-workspace.js';

const p = (key: string): Period => {
  const r = parsePeriodKey(key, ISO_PERIOD_SETTINGS);
  if (!r.ok) throw new Error(r.error.message);
  return r.period;
};

const MQL = collective('mql-volume', 'mql', 600, 450, 'quarter', {
  history: [
    { from: '2027-01-01', target: 900 },
    { from: '2026-10-01', target: 750 },
  ],
});

describe('collectiveTargetInForce', () => {
  it.each([
    ['2026-09-30', 600],
    ['2026-10-01', 750],
    ['2026-12-31', 750],
    ['2027-02-01', 900],
  ])('on %s: %d', (day, expected) => {
    expect(collectiveTargetInForce(MQL, day as string)).toBe(expected);
  });

  it('is the base target without history', () => {
    expect(collectiveTargetInForce(collective('x', 'mql', 10, 5, 'month'), '2030-01-01')).toBe(10);
  });
});

describe('a report with a collective target changed over time', () => {
  const t = team('sales-fr', [member('alice', 'marketing')], { collective: [MQL] });
  const ws = workspace([t]);
  const rows = (key: string, asOf: string) =>
    buildCollectiveRows({
      workspace: ws,
      team: t,
      period: p(key),
      asOf,
      values: [tv('sales-fr', 'mql', '2026-08-10', 100)],
      ooo: [],
    });

  it('uses the target in force on the reference day: the as-of day, or the end of a past period', () => {
    expect(rows('2026-Q3', '2026-11-18T11:00:00Z')[0]).toMatchObject({ target: 600, alert: 450 });
    expect(rows('2026-Q4', '2026-11-18T11:00:00Z')[0]).toMatchObject({ target: 750, alert: 450 });
    expect(rows('2027-Q1', '2027-01-05T11:00:00Z')[0]).toMatchObject({ target: 900 });
  });

  it('gives the same collective rows as the full team report', () => {
    const full = buildTeamReport({
      workspace: ws,
      team: t,
      period: p('2026-Q4'),
      asOf: '2026-11-18T11:00:00Z',
      values: [],
      ooo: [],
    });
    expect(rows('2026-Q4', '2026-11-18T11:00:00Z').map((r) => r.target)).toEqual(full.collective.map((r) => r.target));
  });
});

describe('members who have not started yet', () => {
  const t = team('sales-fr', [
    member('alice', 'sdr', { start: '2025-01-06' }),
    member('nina', 'sdr', { start: '2026-11-23' }),
  ]);
  const ws = workspace([t]);
  const values = [
    mv('alice', 'qualified_meetings', '2026-11-17', 10),
    mv('nina', 'qualified_meetings', '2026-11-17', 12),
  ];
  const ids = (key: string, asOf: string) =>
    buildTeamReport({ workspace: ws, team: t, period: p(key), asOf, values, ooo: [] }).members.map((m) => [
      m.id,
      m.rank,
    ]);

  it('are left out of the reports of periods before their start, and of the current one until they start', () => {
    expect(ids('2026-11', '2026-11-18T11:00:00Z')).toEqual([['alice', 1]]);
    // No October value: listed, not ranked.
    expect(ids('2026-10', '2026-11-18T11:00:00Z')).toEqual([['alice', null]]);
    expect(ids('2026-11', '2026-11-24T11:00:00Z')).toEqual([
      ['nina', 1],
      ['alice', 2],
    ]);
    // A past period: the reference day is its end (nina starts on the Monday after week 47).
    expect(ids('2026-W47', '2026-12-01T11:00:00Z')).toEqual([['alice', 1]]);
    expect(
      ids('2026-W48', '2026-12-01T11:00:00Z')
        .map(([id]) => id)
        .sort(),
    ).toEqual(['alice', 'nina']);
  });

  it('have no movement in their first ranked period', () => {
    const r = buildTeamReport({
      workspace: ws,
      team: t,
      period: p('2026-W48'),
      asOf: '2026-11-27T11:00:00Z',
      values,
      ooo: [],
    });
    expect(r.members.find((m) => m.id === 'nina')?.movement).toBeNull();
  });
});
