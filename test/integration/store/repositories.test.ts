// Repositories on the real migrations, on both backends: idempotent metric upserts with history, check-in
// idempotency, out-of-office overlap, the decision log; manager target changes (SQLite here). On a
// PostgreSQL server, two stores (two pools, as two replicas) write the same metric value and the same
// check-in at once: one row each.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/connection.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { createTestDatabase, NO_SERVER_REASON, TEST_DATABASE_URL, type TestDatabase } from '../../helpers/postgres.js';
import { memoryStore } from '../../helpers/store.js';
import { STORE_BACKENDS } from '../../helpers/store-backends.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

const T1 = '2026-03-02T09:00:00.000Z';
const T2 = '2026-03-03T09:00:00.000Z';

describe.each(STORE_BACKENDS)('$name', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
    await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T1 });
  });
  afterEach(() => store.close());

  describe('metric values', () => {
    const value = (v: number, over: object = {}) => ({
      memberId: 'bob',
      teamId: 'sales',
      kpiId: 'revenue',
      date: '2026-03-01',
      value: v,
      source: 'import' as const,
      externalId: 'crm-1',
      ...over,
    });

    it('inserts once, then reports the same value as unchanged', async () => {
      expect(await store.metricValues.upsertMany([value(1000)], { at: T1 })).toEqual({
        inserted: 1,
        updated: 0,
        unchanged: 0,
      });
      expect(await store.metricValues.upsertMany([value(1000)], { at: T2 })).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
      });
      const row = await store.metricValues.findByExternalId('import', 'crm-1');
      expect(row).toMatchObject({ value: 1000, recordedAt: T1 });
      expect(await store.metricValues.listHistory(row!.id)).toEqual([]);
    });

    it('updates a corrected value and keeps the old one in history', async () => {
      await store.metricValues.upsertMany([value(1000)], { at: T1 });
      expect(await store.metricValues.upsertMany([value(1200)], { at: T2 })).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 0,
      });
      const row = await store.metricValues.findByExternalId('import', 'crm-1');
      expect(row).toMatchObject({ value: 1200, recordedAt: T2 });
      expect(await store.metricValues.listHistory(row!.id)).toEqual([
        {
          metricValueId: row!.id,
          memberId: 'bob',
          teamId: 'sales',
          kpiId: 'revenue',
          date: '2026-03-01',
          value: 1000,
          recordedAt: T1,
          supersededAt: T2,
        },
      ]);
    });

    it('keeps external ids separate per source', async () => {
      await store.metricValues.upsertMany([value(1), value(2, { source: 'api' })], { at: T1 });
      expect((await store.metricValues.list({})).map((v) => [v.source, v.value])).toEqual([
        ['import', 1],
        ['api', 2],
      ]);
    });

    it('writes nothing when one value of the batch is rejected', async () => {
      await expect(
        store.metricValues.upsertMany([value(1), value(2, { externalId: 'crm-2', kpiId: 'no-such-kpi' })], { at: T1 }),
      ).rejects.toThrow();
      expect(await store.metricValues.list({})).toEqual([]);
    });

    it('lists a team period: team-level values and the given members only, dates inclusive', async () => {
      await store.metricValues.upsertMany(
        [
          value(10, { externalId: 'a', date: '2026-03-01' }),
          value(20, { externalId: 'b', date: '2026-03-31' }),
          value(30, { externalId: 'c', date: '2026-04-01' }),
          value(5, { externalId: 'd', memberId: null, kpiId: 'opportunities' }),
          value(7, { externalId: 'e', memberId: 'dave', teamId: 'support', kpiId: 'csat' }),
          value(9, { externalId: 'f', memberId: null, teamId: 'support', kpiId: 'opportunities' }),
        ],
        { at: T1 },
      );
      const rows = await store.metricValues.listForTeamPeriod('sales', ['alice', 'bob'], '2026-03-01', '2026-03-31');
      expect(rows.map((r) => r.externalId).sort()).toEqual(['a', 'b', 'd']);
      expect(
        (await store.metricValues.listForTeamPeriod('sales', [], '2026-03-01', '2026-03-31')).map((r) => r.externalId),
      ).toEqual(['d']);
    });

    it('refuses a value with neither member nor team', async () => {
      const error: unknown = await store.metricValues
        .upsertMany([value(1, { memberId: null, teamId: null })], { at: T1 })
        .catch((e: unknown) => e);
      // SQLite: "CHECK constraint failed"; PostgreSQL (under the driver's "Failed query"): "violates check constraint".
      const messages = [error, (error as { cause?: unknown }).cause].map((e) => (e instanceof Error ? e.message : ''));
      expect(messages.join('\n')).toMatch(/check constraint/i);
      expect(await store.metricValues.list({})).toEqual([]);
    });
  });

  describe('check-ins', () => {
    const submission = (key: string, submittedAt: string, meetings: number) => ({
      memberId: 'alice',
      teamId: 'sales',
      periodKey: '2026-W10',
      values: { calls: 40, meetings },
      wins: 'signed Acme',
      blockers: null,
      idempotencyKey: key,
      submittedAt,
    });

    it('stores a replayed submission once', async () => {
      const first = await store.checkIns.submit(submission('slack:view:1', T1, 8));
      const again = await store.checkIns.submit(submission('slack:view:1', T2, 99));
      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ checkIn: first.checkIn, duplicate: true });
      expect(await store.checkIns.list({})).toHaveLength(1);
    });

    it('keeps every submission and answers with the latest', async () => {
      await store.checkIns.submit(submission('k1', T1, 8));
      await store.checkIns.submit(submission('k2', T2, 9));
      expect((await store.checkIns.latestFor('alice', '2026-W10'))?.values).toEqual({ calls: 40, meetings: 9 });
      expect(await store.checkIns.list({ teamId: 'sales' })).toHaveLength(2);
      const latest = await store.checkIns.list({ teamId: 'sales', latestOnly: true });
      expect(latest.map((c) => c.idempotencyKey)).toEqual(['k2']);
      expect(await store.checkIns.latestFor('alice', '2026-W11')).toBeUndefined();
    });

    it("lists one member's latest answer of each of some periods, oldest first", async () => {
      const at = (key: string, periodKey: string, submittedAt: string, meetings: number, memberId = 'alice') => ({
        ...submission(key, submittedAt, meetings),
        periodKey,
        memberId,
      });
      await store.checkIns.submit(at('w10-a', '2026-W10', T1, 1));
      await store.checkIns.submit(at('w10-b', '2026-W10', T2, 2));
      await store.checkIns.submit(at('w09', '2026-W09', T1, 3));
      await store.checkIns.submit(at('w08', '2026-W08', T1, 4));
      await store.checkIns.submit(at('bob-w10', '2026-W10', T2, 5, 'bob'));
      const latest = await store.checkIns.list({
        memberIds: ['alice'],
        periodKeys: ['2026-W10', '2026-W09', '2026-W07'],
        latestOnly: true,
      });
      expect(latest.map((c) => [c.idempotencyKey, c.values])).toEqual([
        ['w09', { calls: 40, meetings: 3 }],
        ['w10-b', { calls: 40, meetings: 2 }],
      ]);
      expect(await store.checkIns.list({ memberIds: ['alice'], periodKeys: [], latestOnly: true })).toEqual([]);
    });

    it('filters by submission day', async () => {
      await store.checkIns.submit(submission('k1', T1, 8));
      await store.checkIns.submit(submission('k2', T2, 9));
      expect(
        (await store.checkIns.list({ from: '2026-03-03', to: '2026-03-03' })).map((c) => c.idempotencyKey),
      ).toEqual(['k2']);
    });
  });

  describe('out of office', () => {
    it('lists overlapping periods and ignores cancelled ones', async () => {
      const p = await store.ooo.add({ memberId: 'alice', from: '2026-03-09', to: '2026-03-13', by: 'alice', at: T1 });
      await store.ooo.add({
        memberId: 'bob',
        from: '2026-04-01',
        to: '2026-04-03',
        reason: 'holiday',
        by: 'carol',
        at: T1,
      });
      expect((await store.ooo.listOverlapping(['alice', 'bob'], '2026-03-13', '2026-03-20')).map((o) => o.id)).toEqual([
        p.id,
      ]);
      expect(await store.ooo.cancel(p.id, { by: 'alice', at: T2 })).toBe(true);
      expect(await store.ooo.cancel(p.id, { by: 'alice', at: T2 })).toBe(false);
      expect(await store.ooo.listOverlapping(['alice'], '2026-03-01', '2026-03-31')).toEqual([]);
    });
  });

  describe('decisions', () => {
    it('records and lists the decision log', async () => {
      const d = await store.decisions.record({
        teamId: 'sales',
        objectiveId: 'team:sales:pipeline',
        author: 'carol',
        createdAt: T1,
        kind: 'hypothesis',
        text: 'ABM on ICP accounts lifts meetings',
      });
      expect(d.status).toBe('open');
      expect(await store.decisions.setStatus(d.id, 'validated', { by: 'carol', at: T2 })).toBe(true);
      expect(await store.decisions.list({ teamId: 'sales' })).toEqual([{ ...d, status: 'validated' }]);
    });
  });
});

// Target changes run on both backends in the objectives repository's own tests.
describe('objectives', () => {
  let store: Store;
  beforeEach(async () => {
    store = await memoryStore();
    await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T1 });
  });
  afterEach(() => store.close());

  it('records a manager target change with history and audit', async () => {
    const changed = await store.objectives.changeTarget({
      objectiveId: 'role:sdr:meetings:month',
      target: { value: 40 },
      by: 'carol',
      reason: 'new ICP list',
      at: T2,
    });
    expect(changed?.target).toEqual({ value: 40 });
    const dated = await store.objectives.changeTarget({
      objectiveId: 'role:sdr:meetings:month',
      target: { value: 45 },
      effectiveFrom: '2026-04-01',
      by: 'carol',
      reason: 'Q2',
      at: T2,
    });
    expect(dated?.schedule).toEqual([{ from: '2026-04-01', target: { value: 45 } }]);
    const history = await store.objectives.targetHistory('role:sdr:meetings:month');
    expect(history.slice(1).map((h) => [h.changedBy, h.oldTarget, h.newTarget, h.effectiveFrom, h.reason])).toEqual([
      ['carol', { value: 35 }, { value: 40 }, null, 'new ICP list'],
      ['carol', null, { value: 45 }, '2026-04-01', 'Q2'],
    ]);
    expect(
      await store.audit.list({ entity: 'objective', entityId: 'role:sdr:meetings:month', since: T2 }),
    ).toHaveLength(2);
    expect(
      await store.objectives.changeTarget({ objectiveId: 'nope', target: { value: 1 }, by: 'x', reason: 'y', at: T2 }),
    ).toBeUndefined();
  });

  it('keeps the manager change when the config is synced again unchanged', async () => {
    await store.objectives.changeTarget({
      objectiveId: 'role:sdr:meetings:month',
      target: { value: 40 },
      by: 'carol',
      reason: 'r',
      at: T2,
    });
    await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T2 });
    expect((await store.objectives.get('role:sdr:meetings:month'))?.target).toEqual({ value: 40 });
  });
});

if (!TEST_DATABASE_URL) console.info(`repositories: two-replica cases skipped. ${NO_SERVER_REASON}`);

describe.skipIf(!TEST_DATABASE_URL)('two replicas on one PostgreSQL server', () => {
  let database: TestDatabase;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    database = await createTestDatabase(TEST_DATABASE_URL!);
    a = await openStore(database.url, { poolSize: 4 });
    b = await openStore(database.url, { poolSize: 4 });
    await syncWorkspace(a, fixtureWorkspace(), { actor: 'config', at: T1 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('upserts the same metric value from both at once: one row, history consistent', async () => {
    const value = (externalId: string, v: number) => ({
      memberId: 'bob',
      teamId: 'sales',
      kpiId: 'revenue',
      date: '2026-03-01',
      value: v,
      source: 'api' as const,
      externalId,
    });
    for (let i = 0; i < 20; i++) {
      const key = `race-${i}`;
      // The same new value from both: one inserts it, the other finds it unchanged.
      const same = await Promise.all([
        a.metricValues.upsertMany([value(key, 100)], { at: T1 }),
        b.metricValues.upsertMany([value(key, 100)], { at: T1 }),
      ]);
      expect(same.map((s) => s.inserted).sort()).toEqual([0, 1]);
      expect(same.map((s) => s.unchanged).sort()).toEqual([0, 1]);
      // Two corrections at once: both apply, one after the other, each superseding what it found.
      const corrected = await Promise.all([
        a.metricValues.upsertMany([value(key, 200)], { at: T2 }),
        b.metricValues.upsertMany([value(key, 300)], { at: T2 }),
      ]);
      expect(corrected.map((s) => s.updated)).toEqual([1, 1]);
      const rows = (await a.metricValues.list({ kpiIds: ['revenue'] })).filter((r) => r.externalId === key);
      expect(rows).toHaveLength(1);
      const history = await b.metricValues.listHistory(rows[0]!.id);
      expect(history).toHaveLength(2);
      expect(history[0]!.value).toBe(100);
      // The chain holds: the second superseded state is the one the first correction wrote, and the
      // current value is the other correction.
      expect([history[1]!.value, rows[0]!.value].sort()).toEqual([200, 300]);
    }
    expect(await a.metricValues.list({ kpiIds: ['revenue'] })).toHaveLength(20);
  });

  it('submits the same check-in idempotency key from both at once: one row, one not duplicate', async () => {
    for (let i = 0; i < 20; i++) {
      const submission = (submittedAt: string) => ({
        memberId: 'alice',
        teamId: 'sales',
        periodKey: `2026-W${10 + i}`,
        values: { calls: 40, meetings: i },
        idempotencyKey: `slack:view:race-${i}`,
        submittedAt,
      });
      const results = await Promise.all([a.checkIns.submit(submission(T1)), b.checkIns.submit(submission(T2))]);
      expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
      expect(results[0]!.checkIn).toEqual(results[1]!.checkIn);
    }
    expect(await b.checkIns.list({ memberIds: ['alice'] })).toHaveLength(20);
  });
});
