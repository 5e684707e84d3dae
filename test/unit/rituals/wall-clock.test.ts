import { describe, expect, it } from 'vitest';
import { addWallClockMinutes } from '../../../src/core/rituals/engine/wall-clock.js';

describe('addWallClockMinutes', () => {
  it.each([
    // Friday 16:00 + 65 h is Monday 09:00 local, also across a DST change.
    ['2026-03-06T15:00:00Z', 'Europe/Paris', 65 * 60, '2026-03-09T08:00:00.000Z'],
    ['2026-03-27T15:00:00Z', 'Europe/Paris', 65 * 60, '2026-03-30T07:00:00.000Z'],
    ['2026-03-06T21:00:00Z', 'America/New_York', 65 * 60, '2026-03-09T13:00:00.000Z'],
    ['2026-10-30T20:00:00Z', 'America/New_York', 65 * 60, '2026-11-02T14:00:00.000Z'],
    ['2026-03-27T15:00:00Z', 'Europe/Paris', 3 * 24 * 60, '2026-03-30T14:00:00.000Z'],
    ['2026-03-06T15:00:00Z', 'Europe/Paris', 60, '2026-03-06T16:00:00.000Z'],
  ])('%s in %s + %d min', (from, zone, minutes, expected) => {
    expect(addWallClockMinutes(new Date(from), zone, minutes).toISOString()).toBe(expected);
  });

  it('moves a local time that does not exist (DST gap) forward', () => {
    // Saturday 02:30 Paris + 24 h = Sunday 02:30, which is skipped on 29 March 2026: 03:30 CEST.
    expect(addWallClockMinutes(new Date('2026-03-28T01:30:00Z'), 'Europe/Paris', 24 * 60).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });
});
