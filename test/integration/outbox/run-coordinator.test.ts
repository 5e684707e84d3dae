// One runner per fire: the lease rows behind node-cron's RunCoordinator, checked on two connections with
// a fake clock, then with two real processes running the scheduler every second on one database.
import { afterEach, describe, expect, it } from 'vitest';
import { createRunCoordinator } from '../../../src/scheduling/run-coordinator.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { createLeasesRepo } from '../../../src/store/leases.repo.js';
import { runScript } from '../../helpers/child-script.js';
import { FakeClock } from '../../helpers/clock.js';
import { tempDir } from '../../helpers/store.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function twoConnections(): Promise<[Store, Store]> {
  const tmp = tempDir('rituals-leases-');
  const a = await openStore(tmp.file('bot.db'));
  const b = await openStore(tmp.file('bot.db'));
  cleanups.push(
    () => tmp.remove(),
    () => a.close(),
    () => b.close(),
  );
  return [a, b];
}

describe('store-backed RunCoordinator', () => {
  it('elects one connection per key; takes over only an expired, unfinished lease', async () => {
    const [a, b] = await twoConnections();
    const clock = new FakeClock('2026-11-20T15:00:00.000Z');
    const ca = createRunCoordinator({ leases: createLeasesRepo(a), clock, owner: 'proc-a', keepMs: 60_000 });
    const cb = createRunCoordinator({ leases: createLeasesRepo(b), clock, owner: 'proc-b', keepMs: 60_000 });

    const key = 'rituals-tick:2026-11-20T15:00:00.000Z';
    expect(await ca.shouldRun(key, 30_000)).toBe(true);
    expect(await cb.shouldRun(key, 30_000)).toBe(false);

    // proc-a dies mid-run: once its lease lapses, proc-b may run the fire.
    const orphan = 'rituals-tick:2026-11-20T15:01:00.000Z';
    expect(await ca.shouldRun(orphan, 30_000)).toBe(true);
    clock.advance(29_999);
    expect(await cb.shouldRun(orphan, 30_000)).toBe(false);
    clock.advance(2);
    expect(await cb.shouldRun(orphan, 30_000)).toBe(true);
    expect(await createLeasesRepo(a).get(orphan)).toMatchObject({ owner: 'proc-b' });

    // A finished fire stays taken for keepMs, well past its TTL.
    await ca.onComplete(key);
    clock.advance(45_000);
    expect(await cb.shouldRun(key, 30_000)).toBe(false);
  });

  it('prunes leases that ended', async () => {
    const [a] = await twoConnections();
    const leases = createLeasesRepo(a);
    await leases.acquire('x:1', 'p', { at: '2026-11-20T15:00:00.000Z', ttlMs: 1000 });
    await leases.acquire('x:2', 'p', { at: '2026-11-20T15:00:00.000Z', ttlMs: 60_000 });
    expect(await leases.prune('2026-11-20T15:00:30.000Z')).toBe(1);
    expect(await leases.get('x:1')).toBeUndefined();
    expect(await leases.release('x:2', 'someone-else')).toBe(false);
    expect(await leases.release('x:2', 'p')).toBe(true);
  });

  it('two processes running the scheduler every second on one database run each fire once', async () => {
    const tmp = tempDir('rituals-cron-');
    cleanups.push(() => tmp.remove());
    const db = tmp.file('bot.db');
    await (await openStore(db)).close();

    const procs = [0, 1].map(() => runScript('test/helpers/scheduler-worker.ts', ['--db', db, '--seconds', '6']));
    cleanups.push(() => {
      for (const p of procs) p.child.kill('SIGKILL');
    });
    const codes = await Promise.all(procs.map((p) => p.exited));
    expect({ codes, stderr: procs.map((p) => p.stderr()) }).toEqual({ codes: [0, 0], stderr: ['', ''] });

    const ticks = procs.flatMap((p) => p.events.filter((e) => e.event === 'tick').map((e) => e.slot as string));
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ticks).size).toBe(ticks.length); // no slot ran twice

    // Fires both processes saw: exactly one of them won each.
    const elections = procs.map(
      (p) => new Map(p.events.filter((e) => e.event === 'election').map((e) => [e.key as string, e.won as boolean])),
    );
    const contested = [...elections[0]!.keys()].filter((k) => elections[1]!.has(k));
    expect(contested.length).toBeGreaterThanOrEqual(3);
    for (const key of contested)
      expect([elections[0]!.get(key), elections[1]!.get(key)].filter(Boolean)).toHaveLength(1);
    process.stdout.write(
      `run coordinator: ${ticks.length} fires ran, ${contested.length} contested by both processes, 0 ran twice\n`,
    );
  }, 60_000);
});
