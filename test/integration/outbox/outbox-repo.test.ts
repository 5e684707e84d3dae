// The outbox table as the sender uses it: deduplicated enqueue, atomic claims under a lease, fenced
// reschedule/park, lease expiry, parked rows and counts, on both backends (SQLite in memory, PostgreSQL).
// Then, on a PostgreSQL server only, two stores with their own pools on one database, as two replicas:
// concurrent claims never share a row, and a dead replica's claims are taken over after their lease.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxItemInput } from '../../../src/core/ports/index.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { type ClaimedItem, createOutboxRepo, type OutboxRepo } from '../../../src/store/outbox.repo.js';
import { createTestDatabase, NO_SERVER_REASON, TEST_DATABASE_URL, type TestDatabase } from '../../helpers/postgres.js';
import { STORE_BACKENDS } from '../../helpers/store-backends.js';

const T0 = '2026-11-20T15:00:00.000Z';
const plus = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const dm = (i: number, extra: Partial<OutboxItemInput> = {}): OutboxItemInput => ({
  dedupeKey: `occ:t1:checkin:2026-W47:m${i}`,
  platform: 'slack',
  destination: { kind: 'dm', memberId: `m${i}` },
  view: { type: 'checkin_prompt', text: `prompt ${i}` },
  ...extra,
});

describe.each(STORE_BACKENDS)('outbox repository ($name)', (backend) => {
  let store: Store;
  let repo: OutboxRepo;
  beforeEach(async () => {
    store = await backend.open();
    repo = createOutboxRepo(store);
  });
  afterEach(() => store.close());

  it('stores each dedupe key once, in chunks, and keeps destination, update target and view', async () => {
    const items = Array.from({ length: 1200 }, (_, i) => dm(i));
    expect(await repo.enqueue(items, { at: T0 })).toMatchObject({ enqueued: 1200, duplicates: 0 });
    expect(await repo.enqueue([dm(5), dm(1200), dm(1200)], { at: T0 })).toEqual({
      enqueued: 1,
      duplicates: 2,
      inserted: [false, true, false],
    });
    expect((await repo.counts()).pending).toBe(1201);

    const ref = { platform: 'slack' as const, conversation: 'C1', id: '171.01' };
    await repo.enqueue(
      [
        {
          dedupeKey: 'upd:1',
          platform: 'slack',
          destination: { kind: 'channel', teamId: 't1' },
          view: { text: 'v2' },
          updateOf: ref,
        },
      ],
      { at: T0 },
    );
    const [claimed] = await repo
      .claim({ at: T0, limit: 2000, leaseMs: 1000 })
      .then((rows) => rows.filter((r) => r.dedupeKey === 'upd:1'));
    expect(claimed).toMatchObject({
      destination: { kind: 'channel', teamId: 't1' },
      updateOf: ref,
      view: { text: 'v2' },
      status: 'sending',
    });
  });

  it('claims due rows oldest first, at most `limit`, and never the same row twice while leased', async () => {
    await repo.enqueue([dm(1), dm(2, { notBefore: plus(60_000) }), dm(3)], { at: T0 });
    const first = await repo.claim({ at: T0, limit: 1, leaseMs: 30_000 });
    expect(first.map((r) => r.dedupeKey)).toEqual([dm(1).dedupeKey]);
    expect(first[0]!.leaseUntil).toBe(plus(30_000));
    const second = await repo.claim({ at: T0, limit: 10, leaseMs: 30_000 });
    expect(second.map((r) => r.dedupeKey)).toEqual([dm(3).dedupeKey]); // m2 is not due yet
    expect(await repo.claim({ at: plus(10_000), limit: 10, leaseMs: 30_000 })).toEqual([]);
    expect(await repo.nextDueAt()).toBe(plus(30_000)); // the first lease to end
  });

  it('claims a row again once its lease expired without a confirmation (crash)', async () => {
    await repo.enqueue([dm(1)], { at: T0 });
    const [held] = await repo.claim({ at: T0, limit: 1, leaseMs: 5_000 });
    expect(await repo.claim({ at: plus(4_999), limit: 1, leaseMs: 5_000 })).toEqual([]);
    const [again] = await repo.claim({ at: plus(5_001), limit: 1, leaseMs: 5_000 });
    expect(again!.id).toBe(held!.id);
    // The old holder's lease is gone: it may no longer reschedule or park the row...
    expect(await repo.reschedule(held!, { at: plus(5_002), nextAttemptAt: plus(9_000), countAttempt: true })).toBe(
      false,
    );
    expect(await repo.park(held!, { at: plus(5_002), error: 'x', countAttempt: true })).toBe(false);
    // ...but a delivery it did make is a fact, recorded once.
    expect(await repo.markSent(held!, { platform: 'slack', conversation: 'D1', id: '1' }, { at: plus(5_003) })).toBe(
      true,
    );
    expect(await repo.markSent(again!, { platform: 'slack', conversation: 'D1', id: '2' }, { at: plus(5_004) })).toBe(
      false,
    );
    expect(await repo.deliveredRef(dm(1).dedupeKey)).toEqual({ platform: 'slack', conversation: 'D1', id: '1' });
  });

  it('hands out rows due at the same instant in the order they were queued, one claim at a time', async () => {
    // A leaderboard and the progress post queued after it, due together, go out in that order even after
    // their rows were rewritten last-first (a retry moves a row on disk).
    expect((await repo.enqueue([dm(1), dm(2), dm(3)], { at: T0 })).inserted).toEqual([true, true, true]);
    const claimed = await repo.claim({ at: T0, limit: 3, leaseMs: 1000 });
    for (const item of [...claimed].reverse())
      await repo.reschedule(item, { at: T0, nextAttemptAt: plus(500), countAttempt: false });
    const order: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [one] = await repo.claim({ at: plus(500), limit: 1, leaseMs: 1000 });
      order.push(one!.id);
    }
    expect(order).toEqual(claimed.map((c) => c.id));
  });

  it('reschedules with or without counting an attempt, and parks and requeues', async () => {
    await repo.enqueue([dm(1), dm(2)], { at: T0 });
    const [a, b] = await repo.claim({ at: T0, limit: 2, leaseMs: 1000 });
    expect(
      await repo.reschedule(a!, { at: T0, nextAttemptAt: plus(2000), countAttempt: false, error: 'RATE_LIMITED' }),
    ).toBe(true);
    expect(await repo.get(a!.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: plus(2000),
      leaseUntil: null,
    });
    expect(
      await repo.reschedule(b!, { at: T0, nextAttemptAt: plus(1000), countAttempt: true, error: 'HTTP_500: boom' }),
    ).toBe(true);
    expect(await repo.get(b!.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP_500: boom' });

    const [b2] = await repo.claim({ at: plus(1000), limit: 5, leaseMs: 1000 });
    expect(b2!.id).toBe(b!.id);
    expect(
      await repo.park(b2!, { at: plus(1000), error: 'CHANNEL_NOT_FOUND: channel_not_found', countAttempt: true }),
    ).toBe(true);
    expect(await repo.listParked()).toMatchObject([
      { id: b!.id, status: 'dead', attempts: 2, lastError: 'CHANNEL_NOT_FOUND: channel_not_found' },
    ]);
    expect(await repo.counts()).toEqual({ pending: 1, sending: 0, sent: 0, failed: 0, dead: 1 });
    expect(await repo.requeue([b!.id], { at: plus(3000) })).toBe(1);
    expect(await repo.get(b!.id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('claims expired leases, failed retries and pending rows together, oldest due first', async () => {
    const a = dm(1);
    const b = dm(2, { notBefore: plus(1000) });
    const c = dm(3, { notBefore: plus(2000) });
    const d = dm(4, { platform: 'teams', notBefore: plus(500) });
    await repo.enqueue([a, b, c, d], { at: T0 });
    expect((await repo.claim({ at: T0, limit: 1, leaseMs: 10_000 })).map((r) => r.dedupeKey)).toEqual([a.dedupeKey]);
    const [rd, rb] = await repo.claim({ at: plus(1000), limit: 2, leaseMs: 10_000 });
    expect([rd!.dedupeKey, rb!.dedupeKey]).toEqual([d.dedupeKey, b.dedupeKey]);
    await repo.reschedule(rb!, { at: plus(1000), nextAttemptAt: plus(3000), countAttempt: true });
    await repo.reschedule(rd!, { at: plus(1000), nextAttemptAt: plus(4000), countAttempt: false });

    // a's lease is over (due T0), c is pending (T0+2s), b failed (T0+3s), d pending (T0+4s).
    const next = await repo.claim({ at: plus(20_000), limit: 3, leaseMs: 1000 });
    expect(next.map((r) => [r.dedupeKey, r.attempts])).toEqual([
      [a.dedupeKey, 0],
      [c.dedupeKey, 0],
      [b.dedupeKey, 1],
    ]);
    expect(
      (await repo.claim({ at: plus(20_000), limit: 3, leaseMs: 1000, excludePlatforms: ['teams'] })).map(
        (r) => r.dedupeKey,
      ),
    ).toEqual([]);
    expect((await repo.claim({ at: plus(20_000), limit: 3, leaseMs: 1000 })).map((r) => r.dedupeKey)).toEqual([
      d.dedupeKey,
    ]);
  });

  it('leaves out the platforms it is told to skip', async () => {
    await repo.enqueue([dm(1), dm(2, { platform: 'teams' })], { at: T0 });
    const rows = await repo.claim({ at: T0, limit: 5, leaseMs: 1000, excludePlatforms: ['slack'] });
    expect(rows.map((r) => r.platform)).toEqual(['teams']);
  });
});

// Two replicas: two stores, each with its own pool, on one database of the server.
describe.skipIf(!TEST_DATABASE_URL)('outbox repository, two replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  let stores: Store[] = [];
  let a: OutboxRepo;
  let b: OutboxRepo;
  beforeAll(async () => {
    database = await createTestDatabase(TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    stores = [await openStore(database.url, { poolSize: 4 }), await openStore(database.url, { poolSize: 4 })];
    await stores[0]!.reset();
    [a, b] = stores.map((s) => createOutboxRepo(s)) as [OutboxRepo, OutboxRepo];
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  it('enqueues the same keys from both replicas at once: one row each', async () => {
    const items = Array.from({ length: 1200 }, (_, i) => dm(i));
    const [ra, rb] = await Promise.all([a.enqueue(items, { at: T0 }), b.enqueue(items, { at: T0 })]);
    expect(ra!.enqueued + rb!.enqueued).toBe(1200);
    expect(ra!.inserted.map((x, i) => x !== rb!.inserted[i])).toEqual(items.map(() => true));
    expect((await a.counts()).pending).toBe(1200);
  });

  it('two replicas claiming at once over 500 rows get disjoint rows and together all of them', async () => {
    await a.enqueue(
      Array.from({ length: 500 }, (_, i) => dm(i)),
      { at: T0 },
    );
    // Each replica runs several claimers on its pool, as a sender with free slots does.
    const claimLoop = async (repo: OutboxRepo) => {
      const got: ClaimedItem[] = [];
      for (;;) {
        const rows = await repo.claim({ at: T0, limit: 7, leaseMs: 60_000 });
        if (rows.length === 0) return got;
        got.push(...rows);
      }
    };
    const results = await Promise.all([a, a, a, b, b, b].map(claimLoop));
    const ids = results.flat().map((r) => r.id);
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    expect(results.every((r) => r.length > 0)).toBe(true);
    expect(await a.counts()).toMatchObject({ pending: 0, sending: 500 });
  });

  it("takes over a dead replica's claims after their lease, and refuses the old holder's fenced marks", async () => {
    await a.enqueue(
      Array.from({ length: 20 }, (_, i) => dm(i)),
      { at: T0 },
    );
    const held = await a.claim({ at: T0, limit: 10, leaseMs: 5_000 });
    expect(held).toHaveLength(10);
    // While the lease runs, the other replica gets only the rows nobody holds.
    const others = await b.claim({ at: plus(4_000), limit: 50, leaseMs: 5_000 });
    expect(others).toHaveLength(10);
    expect(others.some((r) => held.some((h) => h.id === r.id))).toBe(false);
    expect(await b.claim({ at: plus(4_999), limit: 50, leaseMs: 5_000 })).toEqual([]);

    // Replica a died: once its lease is over, b claims its rows (and only those: b's own leases still run).
    const taken = await b.claim({ at: plus(5_001), limit: 50, leaseMs: 5_000 });
    expect(taken.map((r) => r.id).sort((x, y) => x - y)).toEqual(held.map((r) => r.id).sort((x, y) => x - y));
    expect(taken.every((r) => r.leaseUntil === plus(10_001))).toBe(true);

    // a comes back late: its fenced marks are refused, the new holder's are not.
    const [old] = held;
    const mine = taken.find((r) => r.id === old!.id)!;
    expect(await a.reschedule(old!, { at: plus(5_002), nextAttemptAt: plus(6_000), countAttempt: true })).toBe(false);
    expect(await a.park(old!, { at: plus(5_002), error: 'late', countAttempt: true })).toBe(false);
    expect(await b.get(old!.id)).toMatchObject({ status: 'sending', leaseUntil: plus(10_001), attempts: 0 });
    expect(await b.park(mine, { at: plus(5_003), error: 'CHANNEL_NOT_FOUND', countAttempt: true })).toBe(true);
    expect(await a.get(old!.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'CHANNEL_NOT_FOUND' });
  });
});

if (!TEST_DATABASE_URL) console.warn(`outbox-repo: ${NO_SERVER_REASON}; the single-store cases run on PGlite`);
