// The store-backed RunCoordinator on PostgreSQL, where leases run on the database's clock: so in real
// time with short TTLs (a fake clock moves the caller's `at`, which PostgreSQL ignores). Then, with a
// server, two real processes running the scheduler every second on one database: each fire runs once.
import { afterEach, describe, expect, it } from 'vitest';
import { createRunCoordinator } from '../../../src/scheduling/run-coordinator.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { createLeasesRepo } from '../../../src/store/leases.repo.js';
import { runScript } from '../../helpers/child-script.js';
import { createTestDatabase, NO_SERVER_REASON, TEST_DATABASE_URL } from '../../helpers/postgres.js';
import { POSTGRES_BACKEND, POSTGRES_TARGET } from '../../helpers/store-backends.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const clock = { now: () => new Date() };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

process.stdout.write(`run coordinator on PostgreSQL: runs on ${POSTGRES_TARGET}\n`);

describe('store-backed RunCoordinator on PostgreSQL', () => {
  it('elects one process per key; takes over only an expired, unfinished lease; keeps a finished fire', async () => {
    const store: Store = await POSTGRES_BACKEND.open();
    cleanups.push(() => store.close());
    const ca = createRunCoordinator({ leases: createLeasesRepo(store), clock, owner: 'proc-a', keepMs: 60_000 });
    const cb = createRunCoordinator({ leases: createLeasesRepo(store), clock, owner: 'proc-b', keepMs: 60_000 });

    const key = 'rituals-tick:2026-11-20T15:00:00.000Z';
    expect(await ca.shouldRun(key, 1000)).toBe(true);
    expect(await cb.shouldRun(key, 1000)).toBe(false);

    // proc-a dies mid-run: once its lease lapses, proc-b may run the fire.
    const orphan = 'rituals-tick:2026-11-20T15:01:00.000Z';
    expect(await ca.shouldRun(orphan, 1000)).toBe(true);
    expect(await cb.shouldRun(orphan, 1000)).toBe(false);
    await ca.onComplete(key);
    await sleep(1200);
    expect(await cb.shouldRun(orphan, 1000)).toBe(true);
    expect(await createLeasesRepo(store).get(orphan)).toMatchObject({ owner: 'proc-b' });

    // The fire proc-a finished stays taken for keepMs, past its TTL.
    expect(await cb.shouldRun(key, 1000)).toBe(false);
    expect(await createLeasesRepo(store).get(key)).toMatchObject({ owner: 'proc-a' });
  });
});

describe.skipIf(!TEST_DATABASE_URL)('two scheduler processes on one PostgreSQL database', () => {
  it('run each fire once', async () => {
    const db = await createTestDatabase(TEST_DATABASE_URL!);
    cleanups.push(() => db.drop());
    await (await openStore(db.url, { poolSize: 2 })).close();

    const procs = [0, 1].map(() => runScript('test/helpers/scheduler-worker.ts', ['--db', db.url, '--seconds', '6']));
    cleanups.push(() => {
      for (const p of procs) p.child.kill('SIGKILL');
    });
    const codes = await Promise.all(procs.map((p) => p.exited));
    expect({ codes, stderr: procs.map((p) => p.stderr()) }).toEqual({ codes: [0, 0], stderr: ['', ''] });

    const ticks = procs.flatMap((p) => p.events.filter((e) => e.event === 'tick').map((e) => e.slot as string));
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ticks).size).toBe(ticks.length); // no slot ran twice

    const elections = procs.map(
      (p) => new Map(p.events.filter((e) => e.event === 'election').map((e) => [e.key as string, e.won as boolean])),
    );
    const contested = [...elections[0]!.keys()].filter((k) => elections[1]!.has(k));
    expect(contested.length).toBeGreaterThanOrEqual(3);
    for (const key of contested)
      expect([elections[0]!.get(key), elections[1]!.get(key)].filter(Boolean)).toHaveLength(1);
    process.stdout.write(
      `run coordinator on PostgreSQL: ${ticks.length} fires ran, ${contested.length} contested by both processes, 0 ran twice\n`,
    );
  }, 60_000);
});

if (!TEST_DATABASE_URL) process.stdout.write(`two scheduler processes: ${NO_SERVER_REASON}\n`);
