// The background thread's pause between slices of a fan-out: rests in proportion to the work, so the
// work uses its share of a core. Rest lengths are hand-computed; the clock and the rest are injected.
import { describe, expect, it } from 'vitest';
import { dutyCycle, restAfter } from '../../../src/scheduling/duty-cycle.js';

describe('restAfter', () => {
  it.each([
    // worked ms, share, cap -> rest ms
    [10, 0.5, 50, 10], // half a core: rest as long as the work took
    [12, 0.25, 50, 36], // a quarter: three times as long
    [30, 0.75, 50, 10], // three quarters: a third as long
    [7, 0.5, 50, 7],
    [7.9, 0.5, 50, 7], // rounded down to whole ms
    [100, 0.5, 50, 50], // capped
    [10, 1, 50, 0], // a whole core: never rests
    [0, 0.5, 50, 0], // no work: no rest
  ])('%s ms at share %s (cap %s) rests %s ms', (worked, share, cap, rest) => {
    expect(restAfter(worked, share, cap)).toBe(rest);
  });
});

describe('dutyCycle', () => {
  it('rests after each slice for the time that slice took, counted from the end of the last rest', async () => {
    let clock = 1_000;
    const rests: number[] = [];
    const pause = dutyCycle({ share: 0.5, now: () => clock, rest: async (ms) => void rests.push(ms) });
    clock += 8; // first slice: 8 ms of work
    await pause();
    clock += 20; // second slice: 20 ms
    await pause();
    await pause(); // nothing done since
    expect(rests).toEqual([8, 20, 0]);
  });

  it('refuses a share outside (0, 1]', () => {
    expect(() => dutyCycle({ share: 0 })).toThrow(/share/);
    expect(() => dutyCycle({ share: 1.5 })).toThrow(/share/);
  });
});
