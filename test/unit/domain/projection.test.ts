import { describe, expect, it } from 'vitest';
import { type ProjectionInput, paceStatus, project } from '../../../src/core/domain/projection.js';

const BASE: ProjectionInput = {
  actual: 20,
  target: 35,
  direction: 'higher',
  paced: true,
  workingDays: 20,
  elapsed: 12,
  cap: 2,
  thresholds: { onTrack: 1, atRisk: 0.85 },
};

describe('project (sum KPIs at pace)', () => {
  it.each([
    // The example: 20 meetings after 12 of 20 working days; (35 − 20) / 8 remaining days.
    ['the example', {}, 100 / 3, 100 / 3 / 35, 1.875, 'at_risk'],
    // OOO 23-27 Nov: 15 working days for this member, 12 elapsed: 20 / 12 × 15 = 25; 15 needed over 3 days.
    ['OOO days shorten the pace', { workingDays: 15 }, 25, 25 / 35, 5, 'off_track'],
    // US calendar: 19 working days in Nov 2026, 12 elapsed by the 18th.
    ['holidays shorten the pace', { workingDays: 19 }, (20 / 12) * 19, ((20 / 12) * 19) / 35, 15 / 7, 'at_risk'],
    ['on track', { actual: 24 }, 40, 40 / 35, 11 / 8, 'on_track'],
    ['already met: nothing needed', { actual: 40 }, (40 / 12) * 20, ((40 / 12) * 20) / 35, 0, 'on_track'],
    // 51 of 120 after 10 of 20 days: 51 / 10 × 20 = 102 = 0.85 × 120 (at risk, not off track); 69 / 10 left per day.
    ['at the at-risk threshold', { actual: 51, target: 120, elapsed: 10 }, 102, 0.85, 6.9, 'at_risk'],
    ['period over: the actual', { elapsed: 20 }, 20, 20 / 35, null, 'off_track'],
    ['nothing done yet', { actual: 0 }, 0, 0, 35 / 8, 'off_track'],
  ] as const)('%s', (_label, over, projected, projectedAttainment, needed, status) => {
    const r = project({ ...BASE, ...over });
    expect(r.projectionMethod).toBe('pace');
    expect(r.projected).toBeCloseTo(projected, 10);
    expect(r.projectedAttainment).toBeCloseTo(projectedAttainment, 10);
    if (needed === null) expect(r.neededPerDay).toBeNull();
    else expect(r.neededPerDay).toBeCloseTo(needed, 10);
    expect(r.status).toBe(status);
  });

  it('makes no projection, and so no status, before any working day has elapsed', () => {
    expect(project({ ...BASE, actual: 0, elapsed: 0 })).toEqual({
      projected: null,
      projectionMethod: 'pace',
      projectedAttainment: null,
      neededPerDay: 35 / 20,
      status: null,
    });
  });

  it('has no needed pace or status without a target, and no status with a zero target', () => {
    const none = project({ ...BASE, target: null });
    expect([none.neededPerDay, none.projectedAttainment, none.status]).toEqual([null, null, null]);
    const zero = project({ ...BASE, target: 0 });
    expect([zero.neededPerDay, zero.projectedAttainment, zero.status]).toEqual([0, null, null]);
  });

  it('has no projection for a member out of office all period', () => {
    const r = project({ ...BASE, actual: 0, workingDays: 0, elapsed: 0 });
    expect([r.projected, r.neededPerDay, r.status]).toEqual([null, null, null]);
  });
});

describe('project (current value for averages, ratios and last)', () => {
  it.each([
    // CSAT 4.5 average vs 4.6: 4.5 / 4.6
    ['CSAT', { actual: 4.5, target: 4.6 }, 4.5, 4.5 / 4.6, 'at_risk'],
    // FRT 1.5 h vs < 2 h (lower): 2 / 1.5
    ['FRT below target', { actual: 1.5, target: 2, direction: 'lower' }, 1.5, 4 / 3, 'on_track'],
    ['FRT at target', { actual: 2, target: 2, direction: 'lower' }, 2, 1, 'on_track'],
    ['FRT above target', { actual: 2.5, target: 2, direction: 'lower' }, 2.5, 0.8, 'off_track'],
    ['no-show with no meeting booked', { actual: null, target: 0.15, direction: 'lower' }, null, null, null],
  ] as const)('%s', (_label, over, projected, projectedAttainment, status) => {
    const r = project({ ...BASE, paced: false, ...over });
    expect(r.projectionMethod).toBe('current');
    expect(r.neededPerDay).toBeNull();
    if (projected === null) expect(r.projected).toBeNull();
    else expect(r.projected).toBeCloseTo(projected, 10);
    if (projectedAttainment === null) expect(r.projectedAttainment).toBeNull();
    else expect(r.projectedAttainment).toBeCloseTo(projectedAttainment, 10);
    expect(r.status).toBe(status);
  });

  it('uses the current value even before any working day has elapsed', () => {
    expect(project({ ...BASE, paced: false, actual: 4.7, target: 4.6, elapsed: 0 }).projected).toBe(4.7);
  });
});

describe('paceStatus thresholds', () => {
  it.each([
    [1.2, { onTrack: 1, atRisk: 0.85 }, 'on_track'],
    [1, { onTrack: 1, atRisk: 0.85 }, 'on_track'],
    [0.99, { onTrack: 1, atRisk: 0.85 }, 'at_risk'],
    [0.85, { onTrack: 1, atRisk: 0.85 }, 'at_risk'],
    [0.8499, { onTrack: 1, atRisk: 0.85 }, 'off_track'],
    [0.95, { onTrack: 0.95, atRisk: 0.7 }, 'on_track'],
    [0.69, { onTrack: 0.95, atRisk: 0.7 }, 'off_track'],
    [null, { onTrack: 1, atRisk: 0.85 }, null],
  ] as const)('%s with %j -> %s', (value, thresholds, expected) => {
    expect(paceStatus(value, thresholds)).toBe(expected);
  });
});
