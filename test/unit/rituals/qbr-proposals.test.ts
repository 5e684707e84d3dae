import { describe, expect, it } from 'vitest';
import { percentile, proposeTarget, roundTarget } from '../../../src/core/rituals/queries/qbr-proposals.js';

describe('QBR proposals', () => {
  it('interpolates percentiles', () => {
    expect(percentile([10, 20, 30, 40], 0.8)).toBeCloseTo(34);
    expect(percentile([5], 0.8)).toBe(5);
  });

  it('proposes the 80th percentile of past results, within ±20% of the current target', () => {
    expect(proposeTarget(30, [28, 32, 31, 35], 'higher', { type: 'count' })).toEqual({
      proposed: 33,
      basis: expect.closeTo(33.2, 5),
      samples: 4,
    });
    // A freak quarter cannot double the target.
    expect(proposeTarget(30, [90, 95, 100, null], 'higher', { type: 'count' })?.proposed).toBe(36);
    expect(proposeTarget(30, [10, 12, 11, 9], 'higher', { type: 'count' })?.proposed).toBe(24);
  });

  it('uses the 20th percentile for lower-is-better KPIs', () => {
    // Churn: lower is better; the good quarters were 1.5% and 1.8%: 1.68%, kept within 1.6%..2.4%.
    const p = proposeTarget(0.02, [0.015, 0.018, 0.025, 0.03], 'lower', { type: 'percent' });
    expect(p?.proposed).toBe(0.017);
    expect(proposeTarget(0.02, [0.005, 0.006], 'lower', { type: 'percent' })?.proposed).toBe(0.016);
  });

  it('has no proposal without history, and rounds to the unit', () => {
    expect(proposeTarget(30, [null, null], 'higher', { type: 'count' })).toBeUndefined();
    expect(roundTarget({ type: 'currency', currency: 'EUR' }, 15_049)).toBe(15_000);
    expect(roundTarget({ type: 'percent' }, 0.1234)).toBe(0.123);
    expect(roundTarget({ type: 'score', max: 5 }, 4.63)).toBe(4.6);
  });
});
