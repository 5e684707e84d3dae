// The second look at a check-in, computed by hand: a KPI's hard limit (`max`), "at most that other KPI"
// (`at_most`), and a value more than 5 times the rep's own 8-week median asking for confirmation.
import { describe, expect, it } from 'vitest';
import type { Kpi } from '../../../src/core/domain/model.js';
import { median, outlierOf } from '../../../src/core/rituals/queries/outlier-check.js';
import { validateCheckIn } from '../../../src/core/rituals/validate-check-in.js';

const kpi = (id: string, extra: Partial<Kpi> = {}): Kpi => ({
  id,
  label: { en: id.replace('_', ' '), fr: id },
  unit: { type: 'count' },
  kind: 'activity',
  direction: 'higher',
  aggregation: 'sum',
  sources: ['checkin'],
  ...extra,
});
const meetings = kpi('meetings_booked', { max: 50 });
const noShows = kpi('no_shows', { atMost: 'meetings_booked' });
const winRate = kpi('win_rate', { unit: { type: 'percent' }, aggregation: 'average', max: 0.9 });
const fields = [meetings, noShows, winRate].map((k) => ({ kpi: k, required: false }));
const check = (numbers: Record<string, string>, locale: 'en' | 'fr' = 'en') =>
  validateCheckIn({ fields, numbers, locale });

describe('sanity rules of the workspace file', () => {
  it.each<[string, Record<string, string>, Record<string, string> | Record<string, number>]>([
    [
      'under the limits',
      { meetings_booked: '12', no_shows: '3', win_rate: '40' },
      { meetings_booked: 12, no_shows: 3, win_rate: 0.4 },
    ],
    [
      'exactly at the hard limit and equal to the other KPI',
      { meetings_booked: '50', no_shows: '50', win_rate: '90' },
      { meetings_booked: 50, no_shows: 50, win_rate: 0.9 },
    ],
    ['the other KPI left empty: nothing to compare', { no_shows: '7' }, { no_shows: 7 }],
  ])('%s', (_name, numbers, values) => {
    expect(check(numbers)).toMatchObject({ ok: true, values });
  });

  it('refuses a value above the hard limit, in the unit as typed', () => {
    expect(check({ meetings_booked: '51' })).toEqual({
      ok: false,
      errors: { meetings_booked: 'At most 50: the limit set for this figure.' },
    });
    // 90 % is stored 0.9; typed 91 is 0.91.
    expect(check({ win_rate: '91' }, 'fr')).toEqual({
      ok: false,
      errors: { win_rate: 'Au plus 90 : la limite fixée pour ce chiffre.' },
    });
  });

  it('refuses no-shows above the meetings booked of the same check-in', () => {
    expect(check({ meetings_booked: '4', no_shows: '5' })).toEqual({
      ok: false,
      errors: { no_shows: 'Cannot be more than meetings booked (4).' },
    });
    expect(check({ meetings_booked: '4', no_shows: '5' }, 'fr')).toEqual({
      ok: false,
      errors: { no_shows: 'Ne peut pas dépasser meetings_booked (4).' },
    });
  });
});

describe('a value far above the rep’s history', () => {
  it.each<[number[], number]>([
    [[3], 3],
    [[4, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
    [[0, 0, 0, 5], 0],
  ])('median of %j is %d', (xs, m) => {
    expect(median(xs)).toBe(m);
  });

  it.each<[string, number, number[], ReturnType<typeof outlierOf>]>([
    // Median of [4, 5, 6, 5] is 5: 5 × 5 = 25 is the limit, 26 is above it.
    ['26 against a median of 5 over 4 weeks', 26, [4, 5, 6, 5], { median: 5, weeks: 4 }],
    ['exactly 5 times the median is fine', 25, [4, 5, 6, 5], undefined],
    ['3 past weeks are too few to judge', 100, [4, 5, 6], undefined],
    ['a median of 0 is no basis', 100, [0, 0, 0, 1], undefined],
    // 8 weeks: [2, 3, 3, 4, 4, 5, 6, 40] -> median (4 + 4) / 2 = 4; 21 > 20.
    ['8 weeks, one of them already high', 21, [40, 3, 4, 2, 5, 4, 6, 3], { median: 4, weeks: 8 }],
  ])('%s', (_name, value, history, expected) => {
    expect(outlierOf(value, history)).toEqual(expected);
  });
});
