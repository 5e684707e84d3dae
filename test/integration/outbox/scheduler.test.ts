// The node-cron driver: a catch-up tick at start, a fire every second (6-field cron), a failing tick
// logged while the next one still runs, and stop() waiting for a tick in progress.
import { afterEach, describe, expect, it } from 'vitest';
import { createRunCoordinator } from '../../../src/scheduling/run-coordinator.js';
import { createScheduler, type FireInfo, type Scheduler } from '../../../src/scheduling/scheduler.js';
import { createLeasesRepo } from '../../../src/store/leases.repo.js';
import { captureLog } from '../../helpers/capture-log.js';
import { memoryStore } from '../../helpers/store.js';
import { waitFor } from '../../helpers/wait-for.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function scheduler(
  tick: (now: Date, fire: FireInfo) => Promise<unknown>,
  catchUp = true,
): Promise<{ s: Scheduler; log: ReturnType<typeof captureLog> }> {
  const store = await memoryStore();
  const clock = { now: () => new Date() };
  const log = captureLog();
  const s = createScheduler({
    tick,
    clock,
    log,
    cronExpr: '* * * * * *',
    catchUp,
    coordinator: createRunCoordinator({ leases: createLeasesRepo(store), clock }),
  });
  cleanups.push(
    () => store.close(),
    () => s.stop(),
  );
  return { s, log };
}

describe('scheduler', () => {
  it('runs a catch-up tick at start, then one per cron fire with its slot', async () => {
    const fires: FireInfo[] = [];
    const { s } = await scheduler(async (_now, fire) => void fires.push(fire));
    await s.start();
    await waitFor(
      () => fires.length,
      (n) => n >= 3,
      5_000,
    );
    expect(fires[0]).toEqual({ slot: null, reason: 'catch-up' });
    const cron = fires.slice(1);
    expect(cron.every((f) => f.reason === 'cron' && f.slot instanceof Date && f.slot.getUTCMilliseconds() === 0)).toBe(
      true,
    );
    expect(cron[1]!.slot!.getTime() - cron[0]!.slot!.getTime()).toBe(1000);
  });

  it('logs a failing tick and goes on with the next fire', async () => {
    let calls = 0;
    const { s, log } = await scheduler(async () => {
      calls++;
      if (calls === 1) throw new Error('store locked');
    }, false);
    await s.start();
    await waitFor(
      () => calls,
      (n) => n >= 2,
      5_000,
    );
    const failure = log.entries.find((e) => e.msg === 'tick failed');
    expect(failure?.level).toBe('error');
    expect(failure?.obj).toMatchObject({ reason: 'cron', err: 'store locked' });
  });

  it('stop() waits for the tick in progress and no fire follows', async () => {
    let running = 0;
    let finished = 0;
    const { s } = await scheduler(async () => {
      running++;
      await new Promise((r) => setTimeout(r, 300));
      finished++;
    });
    await s.start();
    await waitFor(
      () => running,
      (n) => n >= 1,
      5_000,
    );
    await s.stop();
    expect(finished).toBe(running);
    const after = running;
    await new Promise((r) => setTimeout(r, 1_200));
    expect(running).toBe(after);
    expect(s.running).toBe(false);
  });
});
