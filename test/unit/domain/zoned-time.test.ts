// Instants to days in a zone: right at midnight, across DST, and for zones whose midnight is not on a
// UTC hour (the day answer is kept per minute of the instant, and must change on the minute it should).
import { describe, expect, it } from 'vitest';
import { localDateOf, startOfDayInZone } from '../../../src/core/domain/zoned-time.js';

describe('zoned time', () => {
  it('changes day on the minute local midnight falls, also half an hour off UTC', () => {
    // St. John's is 3:30 behind UTC in November: its midnight is 03:30 UTC.
    expect(localDateOf('2026-11-21T03:29:59.999Z', 'America/St_Johns')).toBe('2026-11-20');
    expect(localDateOf('2026-11-21T03:29:00.000Z', 'America/St_Johns')).toBe('2026-11-20');
    expect(localDateOf('2026-11-21T03:30:00.000Z', 'America/St_Johns')).toBe('2026-11-21');
    expect(localDateOf('2026-11-21T03:30:59.999Z', 'America/St_Johns')).toBe('2026-11-21');
    // Kolkata, 5:30 ahead: its midnight is 18:30 UTC the day before.
    expect(localDateOf('2026-11-20T18:29:30.000Z', 'Asia/Kolkata')).toBe('2026-11-20');
    expect(localDateOf('2026-11-20T18:30:30.000Z', 'Asia/Kolkata')).toBe('2026-11-21');
  });

  it('reads instants written with an offset as the instant they name', () => {
    expect(localDateOf('2026-11-20T23:30:00+01:00', 'Europe/London')).toBe('2026-11-20');
    expect(localDateOf('2026-11-21T00:30:00+01:00', 'Europe/London')).toBe('2026-11-20');
    expect(localDateOf('2026-11-21T00:30:00+00:00', 'Europe/London')).toBe('2026-11-21');
  });

  it('follows DST: the day a clock springs forward starts at its usual midnight', () => {
    expect(localDateOf('2026-03-28T23:59:59.000Z', 'Europe/Paris')).toBe('2026-03-29');
    expect(startOfDayInZone('2026-03-29', 'Europe/Paris')).toBe('2026-03-29T00:00:00+01:00');
    expect(startOfDayInZone('2026-03-30', 'Europe/Paris')).toBe('2026-03-30T00:00:00+02:00');
    expect(startOfDayInZone('2026-03-30', 'Europe/Paris')).toBe('2026-03-30T00:00:00+02:00');
    expect(() => startOfDayInZone('2026-03-30', 'Mars/Olympus')).toThrow(/unknown zone/);
  });
});
