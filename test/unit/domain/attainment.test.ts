import { describe, expect, it } from 'vitest';
import { attainment, cappedAttainment, isMet } from '../../../src/core/domain/attainment.js';

describe('attainment', () => {
  it.each([
    // higher is better: actual / target, not capped here (the leaderboard caps)
    ['higher, below', 20, 35, 'higher', 2, 20 / 35],
    ['higher, at', 35, 35, 'higher', 2, 1],
    ['higher, above', 50, 35, 'higher', 2, 50 / 35],
    // One cap for every direction (the same figure in every view): 4 is shown as the cap, "≥ 200 %".
    ['higher, far above: 4 capped to 2', 140, 35, 'higher', 2, 2],
    ['win rate 58 % vs 25 %: 2.32 capped to 2', 0.58, 0.25, 'higher', 2, 2],
    ['higher, nothing yet', 0, 35, 'higher', 2, 0],
    // lower is better: target / actual, capped; 0 is the cap
    ['no-show 12 % vs 15 %', 0.12, 0.15, 'lower', 2, 1.25],
    ['no-show at 15 %', 0.15, 0.15, 'lower', 2, 1],
    ['no-show 20 % vs 15 %', 0.2, 0.15, 'lower', 2, 0.75],
    ['cycle 45 days vs 60', 45, 60, 'lower', 2, 60 / 45],
    ['cycle 90 days vs 60', 90, 60, 'lower', 2, 60 / 90],
    ['churn 0 %: the cap', 0, 0.02, 'lower', 2, 2],
    ['net churn negative (expansion): the cap', -0.15, 0.02, 'lower', 2, 2],
    ['churn 0.5 % vs 2 %: 4 capped to 2', 0.005, 0.02, 'lower', 2, 2],
    ['churn 0.5 % vs 2 % with cap 1.5', 0.005, 0.02, 'lower', 1.5, 1.5],
    ['FRT 1.5 h vs 2 h', 1.5, 2, 'lower', 2, 4 / 3],
  ] as const)('%s', (_label, actual, target, direction, cap, expected) => {
    expect(attainment(actual, target, direction, cap)).toBeCloseTo(expected, 10);
  });

  it.each([
    ['zero target', 20, 0, 'higher'],
    ['zero target, lower', 0.1, 0, 'lower'],
    ['missing target', 20, null, 'higher'],
    ['missing actual', null, 35, 'higher'],
    ['missing actual, lower', null, 0.15, 'lower'],
  ] as const)('is null with a %s', (_label, actual, target, direction) => {
    expect(attainment(actual, target, direction)).toBeNull();
  });

  it('caps for scores whatever the direction', () => {
    expect([cappedAttainment(4), cappedAttainment(1.2), cappedAttainment(3, 1.5), cappedAttainment(null)]).toEqual([
      2,
      1.2,
      1.5,
      null,
    ]);
  });
});

describe('isMet honours the comparator exactly', () => {
  it.each([
    // no-show rate < 15 %
    [0.12, 0.15, '<', true],
    [0.15, 0.15, '<', false],
    [0.2, 0.15, '<', false],
    // churn <= 2 %
    [0.01, 0.02, '<=', true],
    [0.02, 0.02, '<=', true],
    [0.03, 0.02, '<=', false],
    // win rate >= 25 %
    [0.25, 0.25, '>=', true],
    [0.24, 0.25, '>=', false],
    [0.25, 0.25, '>', false],
    [0.26, 0.25, '>', true],
    [null, 0.25, '>=', null],
    [0.3, null, '>=', null],
  ] as const)('%s %s %s -> %s', (actual, target, comparator, expected) => {
    expect(isMet(actual, target, comparator)).toBe(expected);
  });
});
