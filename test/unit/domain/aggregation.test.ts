import { describe, expect, it } from 'vitest';
import { aggregate, type DatedValue } from '../../../src/core/domain/aggregation.js';
import type { Aggregation } from '../../../src/core/domain/model.js';

const v = (date: string, value: number, recordedAt?: string): DatedValue =>
  recordedAt === undefined ? { date, value } : { date, value, recordedAt };

const WEEK: DatedValue[] = [v('2026-11-02', 4), v('2026-11-09', 10), v('2026-11-05', 7), v('2026-11-03', 3)];

describe('aggregate', () => {
  it.each([
    ['sum', 24],
    ['average', 6],
    ['last', 10],
    ['min', 3],
    ['max', 10],
  ] as const)('%s of 4, 10, 7, 3', (aggregation, expected) => {
    expect(aggregate(WEEK, aggregation)).toBe(expected);
  });

  it.each(['sum', 'average', 'last', 'min', 'max'] as Aggregation[])('%s of no values is null', (aggregation) => {
    expect(aggregate([], aggregation)).toBeNull();
  });

  it('averages fractional values without rounding', () => {
    expect(aggregate([v('2026-11-02', 4.5), v('2026-11-03', 4.8), v('2026-11-04', 4.4)], 'average')).toBeCloseTo(
      4.5667,
      4,
    );
  });

  it.each([
    [
      'by date first, whatever the recording time',
      [v('2026-11-10', 1, '2026-11-30T10:00:00Z'), v('2026-11-12', 2, '2026-11-12T10:00:00Z')],
      2,
    ],
    [
      'same date: the later recording wins',
      [v('2026-11-12', 5, '2026-11-12T18:00:00Z'), v('2026-11-12', 6, '2026-11-12T09:00:00Z')],
      5,
    ],
    // 10:00+01:00 is 09:00Z, before 09:30Z: offsets are compared as instants, not as text.
    [
      'same date: recording instants across offsets',
      [v('2026-11-12', 7, '2026-11-12T09:30:00Z'), v('2026-11-12', 8, '2026-11-12T10:00:00+01:00')],
      7,
    ],
    [
      'same date and instant: input order',
      [v('2026-11-12', 3, '2026-11-12T09:00:00Z'), v('2026-11-12', 4, '2026-11-12T09:00:00Z')],
      4,
    ],
    ['same date, no recording time: input order', [v('2026-11-12', 3), v('2026-11-12', 9)], 9],
  ] as const)('last: %s', (_label, values, expected) => {
    expect(aggregate(values, 'last')).toBe(expected);
  });

  it('keeps a real zero apart from no value', () => {
    expect(aggregate([v('2026-11-02', 0)], 'sum')).toBe(0);
    expect(aggregate([v('2026-11-02', 0)], 'average')).toBe(0);
  });
});
