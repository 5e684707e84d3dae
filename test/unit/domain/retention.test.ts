// Retention cutoffs, hand-computed: each kind expires what is older than now minus its setting, with
// calendar months and years in UTC (month ends and leap days clamp), and nothing for `unlimited`.
import { describe, expect, it } from 'vitest';
import {
  cutoffOf,
  DEFAULT_RETENTION,
  formatRetention,
  type RetentionSetting,
  retentionCutoffs,
} from '../../../src/core/domain/retention.js';

describe('cutoffOf', () => {
  const cases: [RetentionSetting, string, string | undefined][] = [
    [{ amount: 30, unit: 'day' }, '2026-12-03T08:00:00.000Z', '2026-11-03T08:00:00.000Z'],
    [{ amount: 1, unit: 'day' }, '2026-03-01T00:30:00.000Z', '2026-02-28T00:30:00.000Z'],
    [{ amount: 12, unit: 'week' }, '2026-12-03T08:00:00.000Z', '2026-09-10T08:00:00.000Z'],
    [{ amount: 6, unit: 'month' }, '2026-08-31T12:00:00.000Z', '2026-02-28T12:00:00.000Z'],
    [{ amount: 2, unit: 'year' }, '2026-12-03T08:00:00.000Z', '2024-12-03T08:00:00.000Z'],
    [{ amount: 2, unit: 'year' }, '2028-02-29T10:00:00.000Z', '2026-02-28T10:00:00.000Z'],
    ['unlimited', '2026-12-03T08:00:00.000Z', undefined],
  ];
  it.each(cases)('%j before %s is %s', (setting, now, expected) => {
    expect(cutoffOf(setting, new Date(now))).toBe(expected);
  });
});

describe('retentionCutoffs', () => {
  it('gives the defaults: free text 2 years, outbox bodies 30 days, the rest unlimited', () => {
    expect(retentionCutoffs(DEFAULT_RETENTION, new Date('2026-12-03T08:00:00.000Z'))).toEqual({
      checkinText: '2024-12-03T08:00:00.000Z',
      outboxBodies: '2026-11-03T08:00:00.000Z',
    });
  });

  it('prints settings as the config writes them', () => {
    expect(
      [
        { amount: 30, unit: 'day' },
        { amount: 6, unit: 'month' },
        { amount: 2, unit: 'year' },
        { amount: 3, unit: 'week' },
        'unlimited',
      ].map((s) => formatRetention(s as RetentionSetting)),
    ).toEqual(['30d', '6mo', '2y', '3w', 'unlimited']);
  });
});
