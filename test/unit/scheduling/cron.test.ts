// Cron arithmetic as node-cron reads it: wall clock in the zone (DST included), fires strictly after
// the instant, and the same answers when asked again (answers are kept between calls).
import { afterAll, describe, expect, it } from 'vitest';
import { clearCronCache, firesBetween, nextFire } from '../../../src/scheduling/cron.js';

afterAll(() => clearCronCache());

describe('nextFire', () => {
  it.each([
    ['Friday 16:00 in Paris, winter', '0 16 * * 5', 'Europe/Paris', '2026-11-18T10:00:00Z', '2026-11-20T15:00:00.000Z'],
    [
      'Friday 16:00 in New York, winter',
      '0 16 * * 5',
      'America/New_York',
      '2026-11-18T10:00:00Z',
      '2026-11-20T21:00:00.000Z',
    ],
    [
      'across the spring change in Paris',
      '0 9 * * 1',
      'Europe/Paris',
      '2026-03-27T00:00:00Z',
      '2026-03-30T07:00:00.000Z',
    ],
    ['strictly after a fire', '0 9 * * 1', 'Europe/Paris', '2026-03-30T07:00:00Z', '2026-04-06T07:00:00.000Z'],
    ['day-of-month AND day-of-week', '0 9 1 * 1', 'UTC', '2026-01-01T00:00:00Z', '2026-06-01T09:00:00.000Z'],
  ])('%s', (_, expr, zone, after, expected) => {
    expect(nextFire(expr, zone, new Date(after))?.toISOString()).toBe(expected);
    // Asked again (answered from what was kept), the same instant, as a fresh Date.
    const again = nextFire(expr, zone, new Date(after));
    expect(again?.toISOString()).toBe(expected);
  });

  it('a kept answer cannot be changed by its caller', () => {
    const first = nextFire('0 16 * * 5', 'Europe/Paris', new Date('2026-11-18T10:00:00Z'))!;
    first.setTime(0);
    expect(nextFire('0 16 * * 5', 'Europe/Paris', new Date('2026-11-18T10:00:00Z'))?.toISOString()).toBe(
      '2026-11-20T15:00:00.000Z',
    );
  });
});

describe('firesBetween', () => {
  it('lists the fires in (from, to], oldest first', () => {
    const fires = firesBetween(
      '0 9 * * *',
      'Europe/Paris',
      new Date('2026-10-23T07:00:00Z'),
      new Date('2026-10-27T08:00:00Z'),
    );
    // 24 Oct 09:00 CEST (07:00Z), 25 Oct after the autumn change 09:00 CET (08:00Z), 26, 27.
    expect(fires.map((d) => d.toISOString())).toEqual([
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-10-27T08:00:00.000Z',
    ]);
  });
});
