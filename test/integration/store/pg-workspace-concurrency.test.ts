// Two replicas on one PostgreSQL database (two stores, each with its own pool): syncing the same config
// at once leaves one row per entity and one set of audit and history rows, and two managers changing the
// same target at once are both recorded, each change's old target being the one the other left. Needs the
// real server: PGlite has a single connection, so nothing there runs at once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SyncSummary } from '../../../src/core/ports/index.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { createTestDatabase, NO_SERVER_REASON, TEST_DATABASE_URL, type TestDatabase } from '../../helpers/postgres.js';
import { rawCount } from '../../helpers/raw-store.js';
import { fixtureWorkspace, withoutMember, withRoleTarget } from '../../helpers/workspace-fixture.js';

if (!TEST_DATABASE_URL) console.warn(`pg-workspace-concurrency: ${NO_SERVER_REASON}`);

const T1 = '2026-03-02T09:00:00.000Z';
const T2 = '2026-03-09T09:00:00.000Z';
const OBJECTIVE = 'role:sdr:meetings:month';

const total = (s: SyncSummary) => s.created + s.updated + s.deactivated;

describe.skipIf(!TEST_DATABASE_URL)('two replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    database = await createTestDatabase(TEST_DATABASE_URL!);
    [a, b] = await Promise.all([openStore(database.url, { poolSize: 4 }), openStore(database.url, { poolSize: 4 })]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await a.reset();
  });

  const tables = ['kpis', 'teams', 'members', 'team_members', 'objectives', 'objective_target_history', 'audit_log'];
  const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await rawCount(a, t)])));

  it('sync the same config at once: one row per entity, the work done once', async () => {
    const ws = fixtureWorkspace();
    const summaries = await Promise.all([
      syncWorkspace(a, ws, { actor: 'config', at: T1 }),
      syncWorkspace(b, ws, { actor: 'config', at: T1 }),
    ]);
    // One replica created everything; the other, waiting on the lock, then found nothing to do.
    expect(summaries.map(total).sort((x, y) => x - y)).toEqual([0, expect.any(Number)]);
    const done = summaries.find((s) => total(s) > 0)!;
    expect(await counts()).toEqual({
      kpis: 8,
      teams: 2,
      members: 5,
      team_members: 5,
      objectives: 6,
      objective_target_history: done.targetChanges,
      audit_log: done.created,
    });

    // A changed config synced by both at once: the target changes once, with one history row.
    const next = withRoleTarget(withoutMember(ws, 'alice'), 'sdr', 'meetings', 40);
    const again = await Promise.all([
      syncWorkspace(a, next, { actor: 'config', at: T2 }),
      syncWorkspace(b, next, { actor: 'config', at: T2 }),
    ]);
    expect(again.map(total).sort((x, y) => x - y)).toEqual([0, 3]); // objective updated, member and membership out
    expect((await a.objectives.targetHistory(OBJECTIVE)).map((h) => [h.oldTarget, h.newTarget])).toEqual([
      [null, { value: 35 }],
      [{ value: 35 }, { value: 40 }],
    ]);
    expect(await rawCount(a, 'audit_log')).toBe(done.created + 3);
  });

  it('sync at once from many connections of both replicas: still one row per entity', async () => {
    const ws = fixtureWorkspace();
    const summaries = await Promise.all(
      Array.from({ length: 8 }, (_, i) => syncWorkspace(i % 2 ? a : b, ws, { actor: 'config', at: T1 })),
    );
    expect(summaries.filter((s) => total(s) > 0)).toHaveLength(1);
    expect(await counts()).toMatchObject({ kpis: 8, teams: 2, members: 5, team_members: 5, objectives: 6 });
  });

  it('record every one of many target changes made at once, in one chain of old and new targets', async () => {
    await syncWorkspace(a, fixtureWorkspace(), { actor: 'config', at: T1 });
    const changes = Array.from({ length: 20 }, (_, i) =>
      (i % 2 ? a : b).objectives.changeTarget({
        objectiveId: OBJECTIVE,
        target: { value: 100 + i },
        by: i % 2 ? 'carol' : 'erin',
        reason: `change ${i}`,
        at: T2,
      }),
    );
    await Promise.all(changes);
    const history = (await a.objectives.targetHistory(OBJECTIVE)).slice(1); // after the config's own row
    expect(history).toHaveLength(20);
    // Each change read the target the previous one wrote: no two changes saw the same old target.
    let previous: unknown = { value: 35 };
    for (const h of history) {
      expect(h.oldTarget).toEqual(previous);
      previous = h.newTarget;
    }
    expect((await a.objectives.get(OBJECTIVE))?.target).toEqual(previous);
    expect(new Set(history.map((h) => h.reason)).size).toBe(20);
    expect(await rawCount(a, 'audit_log', `action = 'objective.target'`)).toBe(20);
  });
});
