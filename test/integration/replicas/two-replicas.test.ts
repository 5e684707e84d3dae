// Two real replica processes on one PostgreSQL server, as behind a load balancer: a 5,000-prompt fan-out
// is sent once each; with one replica killed (SIGKILL) a third of the way through, nothing is lost and
// duplicates stay within the send concurrency; two schedulers firing every second leave one run per slot.
// These need a real server (several processes, several connections): without TEST_DATABASE_URL they skip
// and say so.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeChatApi, startFakeChatApi } from '../../../bench/fake-chat-api.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { createOutboxRepo } from '../../../src/store/outbox.repo.js';
import { type ChildScript, runScript } from '../../helpers/child-script.js';
import { createTestDatabase, NO_SERVER_REASON, TEST_DATABASE_URL, type TestDatabase } from '../../helpers/postgres.js';
import { waitFor } from '../../helpers/wait-for.js';

const FANOUT_WORKER = 'bench/fanout-child.ts';
const SCHEDULER_WORKER = 'test/helpers/scheduler-worker.ts';
const MEMBERS = 5000;
const CONCURRENCY = 8;
const RATE = 500;

if (!TEST_DATABASE_URL) console.warn(`two replicas: ${NO_SERVER_REASON}`);

const expected = Array.from({ length: MEMBERS }, (_, i) => `D-m${i + 1}`);

describe.skipIf(!TEST_DATABASE_URL)('two replicas on one PostgreSQL server', () => {
  let db: TestDatabase;
  let store: Store;
  let fake: FakeChatApi | undefined;
  let procs: ChildScript[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(TEST_DATABASE_URL!);
    store = await openStore(db.url, { poolSize: 2 });
  });
  afterEach(async () => {
    for (const p of procs) p.child.kill('SIGKILL');
    procs = [];
    await fake?.close();
    fake = undefined;
    await store.reset();
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  const fanoutArgs = () => [
    '--db',
    db.url,
    '--api',
    fake!.url,
    '--members',
    String(MEMBERS),
    '--concurrency',
    String(CONCURRENCY),
    '--lease-ms',
    '2000',
    '--rate',
    String(RATE),
  ];
  const finished = async (p: ChildScript, ms: number) => {
    const code = await Promise.race([p.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);
    return { code, stderr: p.stderr() };
  };

  it('sends a 5,000-prompt fan-out once each', async () => {
    fake = await startFakeChatApi({ rate: RATE });
    procs = [runScript(FANOUT_WORKER, fanoutArgs()), runScript(FANOUT_WORKER, fanoutArgs())];
    const results = await Promise.all(procs.map((p) => finished(p, 90_000)));
    expect(results).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    // Both replicas enqueued the same fan-out: the dedupe keys stored it once.
    const enqueued = procs.map((p) => p.events.find((e) => e.event === 'enqueued') as { enqueued: number });
    expect(enqueued.reduce((n, e) => n + e.enqueued, 0)).toBe(MEMBERS);
    expect(fake.lost(expected)).toEqual([]);
    expect(fake.duplicates()).toBe(0);
    expect(await createOutboxRepo(store).counts()).toMatchObject({ sent: MEMBERS, pending: 0, sending: 0, failed: 0 });
  }, 120_000);

  it('loses nothing when one replica is killed a third of the way, duplicates within the send concurrency', async () => {
    fake = await startFakeChatApi({ rate: RATE, latencyMs: 10 });
    // The first replica starts sending before the second starts, so the one killed is the one sending.
    const first = runScript(FANOUT_WORKER, fanoutArgs());
    procs = [first];
    await waitFor(
      () => fake!.stats.delivered,
      (n) => n >= 50,
      30_000,
    );
    const second = runScript(FANOUT_WORKER, fanoutArgs());
    procs.push(second);
    await waitFor(
      () => fake!.stats.delivered,
      (n) => n >= MEMBERS / 3,
      60_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const atKill = fake.deliveries.size;
    expect(atKill).toBeLessThan(MEMBERS);
    expect(await finished(second, 120_000)).toEqual({ code: 0, stderr: '' });
    const duplicates = fake.duplicates();
    process.stdout.write(
      `two replicas, one killed: ${atKill} delivered before the kill, ${duplicates} duplicate(s) (bound ${CONCURRENCY})\n`,
    );
    expect(fake.lost(expected)).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
    expect(await createOutboxRepo(store).counts()).toMatchObject({ sent: MEMBERS, pending: 0, sending: 0, failed: 0 });
  }, 180_000);

  it('two schedulers firing every second run each slot once', async () => {
    procs = [0, 1].map(() => runScript(SCHEDULER_WORKER, ['--db', db.url, '--seconds', '6']));
    const codes = await Promise.all(procs.map((p) => p.exited));
    expect({ codes, stderr: procs.map((p) => p.stderr()) }).toEqual({ codes: [0, 0], stderr: ['', ''] });
    const ticks = procs.flatMap((p) => p.events.filter((e) => e.event === 'tick').map((e) => e.slot as string));
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ticks).size).toBe(ticks.length);
    const elections = procs.map(
      (p) => new Map(p.events.filter((e) => e.event === 'election').map((e) => [e.key as string, e.won as boolean])),
    );
    const contested = [...elections[0]!.keys()].filter((k) => elections[1]!.has(k));
    expect(contested.length).toBeGreaterThanOrEqual(3);
    for (const key of contested)
      expect([elections[0]!.get(key), elections[1]!.get(key)].filter(Boolean)).toHaveLength(1);
    process.stdout.write(
      `two schedulers on PostgreSQL: ${ticks.length} fires ran, ${contested.length} contested, 0 twice\n`,
    );
  }, 60_000);
});
