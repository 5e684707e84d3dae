// Two replicas on one PostgreSQL database (two stores, two pools) doing the same thing at the same moment:
// one lease holder, one reaction row, one open breach, one token per name and one revocation, each due
// occurrence created once, one engine-state claim. Needs a real server (PGlite is a single connection).
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OccurrenceInput } from '../../../src/core/ports/index.js';
import { createApiTokensRepo } from '../../../src/store/api-tokens.repo.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { createLeasesRepo } from '../../../src/store/leases.repo.js';
import * as pg from '../../../src/store/pg/schema.js';
import { rawPgDb } from '../../../src/store/raw-access.js';
import { createTestDatabase, NO_SERVER_REASON, TEST_DATABASE_URL, type TestDatabase } from '../../helpers/postgres.js';
import { seedRitualRows } from '../../helpers/ritual-seed.js';

const at = '2026-03-06T15:00:00.000Z';
const nowIso = () => new Date().toISOString();

if (!TEST_DATABASE_URL) process.stdout.write(`replicas on PostgreSQL: ${NO_SERVER_REASON}\n`);

describe.skipIf(!TEST_DATABASE_URL)('two replicas on one PostgreSQL database', () => {
  let db: TestDatabase;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    db = await createTestDatabase(TEST_DATABASE_URL!);
    [a, b] = await Promise.all([openStore(db.url, { poolSize: 4 }), openStore(db.url, { poolSize: 4 })]);
    await seedRitualRows(a);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  /** Both replicas at once: the two results, in replica order. */
  const both = <T>(run: (s: Store) => Promise<T>) => Promise.all([run(a), run(b)]);

  it('give a lease to exactly one of them, 50 times out of 50', async () => {
    const la = createLeasesRepo(a);
    const lb = createLeasesRepo(b);
    const winners: string[] = [];
    for (let i = 0; i < 50; i++) {
      const key = `race:${i}`;
      const [wa, wb] = await Promise.all([
        la.acquire(key, 'a', { at: nowIso(), ttlMs: 60_000 }),
        lb.acquire(key, 'b', { at: nowIso(), ttlMs: 60_000 }),
      ]);
      expect([wa, wb].filter(Boolean)).toHaveLength(1);
      const owner = (await la.get(key))?.owner;
      expect(owner).toBe(wa ? 'a' : 'b');
      winners.push(owner!);
    }
    process.stdout.write(`lease races: a won ${winners.filter((w) => w === 'a').length} of 50\n`);
    // An expired lease raced for by both: one takes it over.
    for (let i = 0; i < 20; i++) {
      const key = `expired:${i}`;
      await la.acquire(key, 'old', { at: nowIso(), ttlMs: 1 });
      await new Promise((r) => setTimeout(r, 3));
      const won = await Promise.all([
        la.acquire(key, 'a', { at: nowIso(), ttlMs: 60_000 }),
        lb.acquire(key, 'b', { at: nowIso(), ttlMs: 60_000 }),
      ]);
      expect(won.filter(Boolean)).toHaveLength(1);
    }
  });

  it('write the same reaction once, and remove it once', async () => {
    const r = { platform: 'slack' as const, emoji: 'tada', userId: 'U1', memberId: 'alice', at };
    for (let i = 0; i < 20; i++) {
      const postRef = `C1|${i}.0`;
      const added = await both((s) => s.reactions.set({ ...r, postRef, added: true }));
      expect(added.filter(Boolean)).toHaveLength(1);
      expect(await a.reactions.tally('slack', postRef)).toEqual([{ emoji: 'tada', count: 1 }]);
      const removed = await both((s) => s.reactions.set({ ...r, postRef, added: false }));
      expect(removed.filter(Boolean)).toHaveLength(1);
      const again = await both((s) => s.reactions.set({ ...r, postRef, added: true }));
      expect(again.filter(Boolean)).toHaveLength(1);
    }
    const [rows] = await rawPgDb(a).select({ n: count() }).from(pg.reactions);
    expect(rows!.n).toBe(20);
  });

  it('open one breach when both see it at once', async () => {
    for (let i = 0; i < 20; i++) {
      const opened = await both((s) =>
        s.breaches.open({ objectiveId: 'team:sales:pipeline', memberId: 'bob', periodKey: '2026-Q1', at, value: i }),
      );
      expect(opened.map((o) => o.created).filter(Boolean)).toHaveLength(1);
      expect(opened[0]!.breach.id).toBe(opened[1]!.breach.id);
      await a.breaches.close(opened[0]!.breach.id, at);
    }
    expect(await a.breaches.findOpen('team:sales:pipeline', 'bob')).toBeUndefined();
  });

  it('create one token per name and revoke it once, each audited once', async () => {
    const results = await both((s) =>
      createApiTokensRepo(s)
        .create('crm', { by: 'ops', at })
        .then(
          (t) => t.token,
          (err: Error) => err,
        ),
    );
    const tokens = results.filter((r): r is string => typeof r === 'string');
    expect(tokens).toHaveLength(1);
    expect(results.find((r) => r instanceof Error)?.message).toMatch(/already exists/);
    expect(await createApiTokensRepo(b).verify(tokens[0]!, { at })).toMatchObject({ name: 'crm', lastUsedAt: at });

    const revoked = await both((s) => createApiTokensRepo(s).revoke('crm', { by: 'ops', at }));
    expect(revoked.filter(Boolean)).toHaveLength(1);
    expect(await createApiTokensRepo(a).verify(tokens[0]!, { at })).toBeUndefined();
    const audit = await rawPgDb(a)
      .select({ action: pg.auditLog.action })
      .from(pg.auditLog)
      .where(eq(pg.auditLog.entity, 'api_token'));
    expect(audit.map((x) => x.action).sort()).toEqual(['api_token.create', 'api_token.revoke']);
  });

  it('create each due occurrence once when two schedulers write the same fire, in any order', async () => {
    const members = ['alice', 'bob', 'carol'];
    const batch: OccurrenceInput[] = [];
    for (let i = 0; i < 300; i++)
      batch.push({
        key: `sales:checkin:P${i}:${members[i % 3]}`,
        teamId: 'sales',
        ritual: 'checkin',
        periodKey: `P${i}`,
        memberId: members[i % 3]!,
        status: 'pending',
        dueAt: at,
      });
    // The same batch from both; then big overlapping batches in opposite orders, several statements each
    // (taken in input order, such batches deadlock; the repository inserts in key order).
    const same = await both((s) => s.occurrences.insertMany(batch, { at }));
    const more = Array.from({ length: 2400 }, (_, i) => ({ ...batch[i % 300]!, key: `big:${i}` }));
    const crossed = await Promise.all([
      a.occurrences.insertMany(more.slice(0, 1600), { at }),
      b.occurrences.insertMany(more.slice(800).reverse(), { at }),
    ]);
    for (const [results, inputs] of [
      [same, batch],
      [crossed, more],
    ] as const) {
      const created = results.flat().filter((r) => r.created);
      expect(created).toHaveLength(inputs.length);
      expect(new Set(created.map((r) => r.occurrence.key)).size).toBe(inputs.length);
      // Both replicas see the same row for each key.
      const ids = new Map<string, number>();
      for (const r of results.flat()) {
        const seen = ids.get(r.occurrence.key);
        if (seen !== undefined) expect(r.occurrence.id).toBe(seen);
        ids.set(r.occurrence.key, r.occurrence.id);
      }
    }
    const [rows] = await rawPgDb(a).select({ n: count() }).from(pg.ritualOccurrences);
    expect(rows!.n).toBe(2700);

    // Status changes of overlapping rows from both, in opposite orders: both land, neither fails.
    const ids = same[0]!.map((r) => r.occurrence.id);
    await Promise.all([
      a.occurrences.setStatusMany(
        ids.map((id) => ({ id, status: 'enqueued' as const })),
        { at },
      ),
      b.occurrences.setStatusMany(
        [...ids].reverse().map((id) => ({ id, status: 'enqueued' as const })),
        { at },
      ),
    ]);
    expect(await a.occurrences.list({ statuses: ['enqueued'] })).toHaveLength(300);
  });

  it('claim an engine-state key once', async () => {
    for (let i = 0; i < 20; i++) {
      const claimed = await both((s) => s.engineState.claim(`decision:race:${i}`, at));
      expect(claimed.filter(Boolean)).toHaveLength(1);
    }
  });
});
