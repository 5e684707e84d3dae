// The processed-keys repository on both backends: a key is claimed once within its ttl, claimable again
// once expired, `seen` says whether it is held, prune deletes only expired rows. On the real server, two
// stores (two pools, as two replicas) claiming the same 200 keys at once claim each exactly once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/connection.js';
import { createProcessedKeysRepo, type ProcessedKeysRepo } from '../../../src/store/processed-keys.repo.js';
import { createTestDatabase, NO_SERVER_REASON, TEST_DATABASE_URL, type TestDatabase } from '../../helpers/postgres.js';
import { POSTGRES_TARGET, STORE_BACKENDS } from '../../helpers/store-backends.js';

const T0 = '2026-03-02T09:00:00.000Z';
const plus = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const HOUR = 3_600_000;
const event = (at: string, ttlMs = HOUR) => ({ kind: 'slack_event', at, ttlMs });

describe.each(STORE_BACKENDS)('processed keys on $name', (backend) => {
  let store: Store;
  let keys: ProcessedKeysRepo;

  beforeAll(() => {
    if (backend.name === 'postgres') console.info(`processed keys: PostgreSQL cases on ${POSTGRES_TARGET}`);
  });
  afterEach(async () => {
    await store?.close();
  });
  const open = async () => {
    store = await backend.open();
    keys = createProcessedKeysRepo(store);
  };

  it('claims a key the first time only, while its ttl runs', async () => {
    await open();
    expect(await keys.claim('slack:event:Ev1', event(T0))).toBe(true);
    expect(await keys.claim('slack:event:Ev1', event(plus(1_000)))).toBe(false);
    expect(await keys.claim('slack:event:Ev1', event(plus(HOUR - 1)))).toBe(false);
    // Another key is independent.
    expect(await keys.claim('slack:event:Ev2', event(plus(1_000)))).toBe(true);
  });

  it('lets an expired key be claimed again, for a new ttl', async () => {
    await open();
    expect(await keys.claim('k', event(T0, 60_000))).toBe(true);
    expect(await keys.claim('k', event(plus(60_000), 60_000))).toBe(true);
    // The second claim moved the end: held again until T0 + 2 min.
    expect(await keys.claim('k', event(plus(119_999)))).toBe(false);
    expect(await keys.seen('k', plus(119_999))).toBe(true);
    expect(await keys.seen('k', plus(120_000))).toBe(false);
  });

  it('says whether a key is held', async () => {
    await open();
    expect(await keys.seen('slack:V1:h1', T0)).toBe(false);
    await keys.claim('slack:V1:h1', { kind: 'slack_submission', at: T0, ttlMs: 24 * HOUR });
    expect(await keys.seen('slack:V1:h1', plus(23 * HOUR))).toBe(true);
    expect(await keys.seen('slack:V1:h1', plus(24 * HOUR))).toBe(false);
    expect(await keys.seen('slack:V1:other', plus(1))).toBe(false);
  });

  it('prunes only the keys that expired before the given instant', async () => {
    await open();
    await keys.claim('short', event(T0, 60_000));
    await keys.claim('long', event(T0, HOUR));
    expect(await keys.prune(plus(60_000))).toBe(0);
    expect(await keys.prune(plus(60_001))).toBe(1);
    expect(await keys.seen('long', plus(60_001))).toBe(true);
    // The pruned key is new again; the long one is still held.
    expect(await keys.claim('short', event(plus(60_001)))).toBe(true);
    expect(await keys.claim('long', event(plus(60_001)))).toBe(false);
    expect(await keys.prune(plus(10 * HOUR))).toBe(2);
  });

  it('claims each of many keys claimed at once exactly once (one store)', async () => {
    await open();
    const ids = Array.from({ length: 50 }, (_, i) => `Ev${i}`);
    const results = await Promise.all([...ids, ...ids].map((id) => keys.claim(id, event(T0))));
    expect(results.filter(Boolean)).toHaveLength(ids.length);
  });
});

if (!TEST_DATABASE_URL) console.warn(`processed keys: ${NO_SERVER_REASON}`);

describe.skipIf(!TEST_DATABASE_URL)('processed keys claimed by two replicas on the real server', () => {
  let db: TestDatabase;
  const stores: Store[] = [];
  beforeAll(async () => {
    db = await createTestDatabase(TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await db?.drop();
  });

  it('gives each of 200 keys to exactly one of two stores claiming them all at once', async () => {
    const a = await openStore(db.url, { poolSize: 8 });
    stores.push(a);
    const b = await openStore(db.url, { poolSize: 8 });
    stores.push(b);
    const [ra, rb] = [createProcessedKeysRepo(a), createProcessedKeysRepo(b)];
    const ids = Array.from({ length: 200 }, (_, i) => `slack:event:Ev${String(i).padStart(3, '0')}`);
    // Both replicas claim every key, interleaved, each store several statements in flight at a time.
    const claims = ids.flatMap((id) => [
      ra.claim(id, event(T0)).then((won) => ({ id, won, by: 'a' })),
      rb.claim(id, event(T0)).then((won) => ({ id, won, by: 'b' })),
    ]);
    const results = await Promise.all(claims);
    const winners = new Map<string, string[]>();
    for (const r of results) if (r.won) winners.set(r.id, [...(winners.get(r.id) ?? []), r.by]);
    expect(winners.size).toBe(ids.length);
    expect([...winners.values()].every((w) => w.length === 1)).toBe(true);
    // Both replicas won some: the claims really raced.
    const byA = [...winners.values()].filter((w) => w[0] === 'a').length;
    expect(byA).toBeGreaterThan(0);
    expect(byA).toBeLessThan(ids.length);

    // Expired together, claimed together again: still one winner per key.
    const later = plus(2 * HOUR);
    const again = await Promise.all(ids.flatMap((id) => [ra.claim(id, event(later)), rb.claim(id, event(later))]));
    expect(again.filter(Boolean)).toHaveLength(ids.length);
  });
});
