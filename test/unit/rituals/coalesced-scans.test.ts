// Breach scans requested by check-ins: one scan per team for the requests of a window, never two of a
// team at once, a request during a scan runs one more after it, failures reported, settle() waits.
import { describe, expect, it } from 'vitest';
import { CoalescedScans } from '../../../src/core/rituals/engine/coalesced-scans.js';

function deferred() {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('CoalescedScans', () => {
  it('runs one scan per team for the requests of a window', async () => {
    const runs: string[] = [];
    const scans = new CoalescedScans({
      run: async (team) => void runs.push(team),
      onError: () => undefined,
      windowMs: 0,
    });
    scans.request('paris');
    scans.request('paris');
    scans.request('lyon');
    scans.request('paris');
    await scans.settle();
    expect(runs.sort()).toEqual(['lyon', 'paris']);
  });

  it('never runs two scans of a team at once, and a request during a scan runs one more after it', async () => {
    const runs: string[] = [];
    const gates = [deferred(), deferred()];
    let active = 0;
    let maxActive = 0;
    const scans = new CoalescedScans({
      run: async (team) => {
        const gate = gates[runs.length]!;
        runs.push(team);
        active++;
        maxActive = Math.max(maxActive, active);
        await gate.promise;
        active--;
      },
      onError: () => undefined,
      windowMs: 0,
    });
    scans.request('paris');
    while (runs.length === 0) await new Promise((r) => setTimeout(r, 1));
    // The first scan is running: these three share the next one.
    scans.request('paris');
    scans.request('paris');
    scans.request('paris');
    await new Promise((r) => setTimeout(r, 5));
    expect(runs).toEqual(['paris']);
    gates[0]!.resolve();
    while (runs.length < 2) await new Promise((r) => setTimeout(r, 1));
    gates[1]!.resolve();
    await scans.settle();
    expect(runs).toEqual(['paris', 'paris']);
    expect(maxActive).toBe(1);
  });

  it('reports a failed scan and goes on with the next request', async () => {
    const errors: string[] = [];
    let calls = 0;
    const scans = new CoalescedScans({
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('store busy');
      },
      onError: (team, err) => errors.push(`${team}: ${(err as Error).message}`),
      windowMs: 0,
    });
    scans.request('paris');
    await scans.settle();
    scans.request('paris');
    await scans.settle();
    expect(errors).toEqual(['paris: store busy']);
    expect(calls).toBe(2);
  });

  it('settle() resolves at once when nothing was requested', async () => {
    const scans = new CoalescedScans({ run: async () => undefined, onError: () => undefined });
    await expect(scans.settle()).resolves.toBeUndefined();
  });
});
