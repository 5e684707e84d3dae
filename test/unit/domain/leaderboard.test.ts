import { describe, expect, it } from 'vitest';
import { memberScore, rankMovement, rankScores } from '../../../src/core/domain/leaderboard.js';

describe('memberScore', () => {
  it.each([
    [
      'equal weights',
      [
        { weight: 1, attainment: 0.5 },
        { weight: 1, attainment: 1 },
      ],
      2,
      0.75,
    ],
    [
      'weights',
      [
        { weight: 3, attainment: 0.5 },
        { weight: 1, attainment: 1 },
      ],
      2,
      2.5 / 4,
    ],
    // A 4.0 attainment counts as 2.0: one runaway volume KPI cannot carry the score.
    [
      'capped',
      [
        { weight: 1, attainment: 4 },
        { weight: 1, attainment: 0 },
      ],
      2,
      1,
    ],
    [
      'workspace cap 1.5',
      [
        { weight: 1, attainment: 4 },
        { weight: 1, attainment: 0.5 },
      ],
      1.5,
      1,
    ],
    // No value: out of both sums, not a zero.
    [
      'objective without a value skipped',
      [
        { weight: 1, attainment: 0.8 },
        { weight: 5, attainment: null },
      ],
      2,
      0.8,
    ],
    [
      'zero weight ignored',
      [
        { weight: 0, attainment: 0.1 },
        { weight: 2, attainment: 0.9 },
      ],
      2,
      0.9,
    ],
  ] as const)('%s', (_label, items, cap, expected) => {
    expect(memberScore(items, cap)).toBeCloseTo(expected, 10);
  });

  it('is null when no objective has a value', () => {
    expect(memberScore([{ weight: 1, attainment: null }])).toBeNull();
    expect(memberScore([])).toBeNull();
  });
});

describe('rankScores (competition ranking)', () => {
  it('shares ranks on ties and skips the next ones (1, 1, 3)', () => {
    const ranks = rankScores([
      { id: 'a', score: 0.8 },
      { id: 'b', score: 0.9 },
      { id: 'c', score: 0.9 },
      { id: 'd', score: null },
      { id: 'e', score: 0.7 },
      { id: 'f', score: 0.7 },
      { id: 'g', score: 0.1 },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ b: 1, c: 1, a: 3, e: 4, f: 4, g: 6 });
  });

  it('treats scores equal up to float noise as a tie', () => {
    const ranks = rankScores([
      { id: 'x', score: 0.1 + 0.2 },
      { id: 'y', score: 0.3 },
      { id: 'z', score: 0.2 },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ x: 1, y: 1, z: 3 });
  });
});

describe('rankMovement', () => {
  it.each([
    [3, 1, 2],
    [1, 2, -1],
    [2, 2, 0],
    [undefined, 1, null],
    [null, 1, null],
    [1, null, null],
  ])('from %s to %s -> %s', (previous, rank, expected) => {
    expect(rankMovement(previous, rank)).toBe(expected);
  });
});
