// The rows the ritual and platform repository tests refer to: teams `sales` and `support`, members
// `alice`, `bob`, `carol`, `dave`, the team objective `team:sales:pipeline`. SQLite stores get them from
// the workspace sync of the fixture; PostgreSQL stores get the same keys written directly, so these tests
// depend on the repositories they test and not on the PostgreSQL workspace sync.
import type { Store } from '../../src/store/connection.js';
import * as pg from '../../src/store/pg/schema.js';
import { rawPgDb } from '../../src/store/raw-access.js';
import { fixtureWorkspace } from './workspace-fixture.js';

export async function seedRitualRows(store: Store, at = '2026-03-01T00:00:00.000Z'): Promise<void> {
  if (store.dialect === 'sqlite') {
    await store.workspace.sync(fixtureWorkspace(), { actor: 'test', at });
    return;
  }
  const db = rawPgDb(store);
  const stamps = { configJson: '{}', createdAt: at, updatedAt: at };
  await db.insert(pg.teams).values(
    ['sales', 'support'].map((id) => ({
      id,
      name: id,
      timezone: 'Europe/Paris',
      locale: 'en',
      managers: [],
      holidays: [],
      rituals: {},
      ...stamps,
    })),
  );
  await db
    .insert(pg.members)
    .values(['alice', 'bob', 'carol', 'dave'].map((id) => ({ id, name: id, startDate: '2025-01-06', ...stamps })));
  await db.insert(pg.kpis).values({
    id: 'opportunities',
    label: { en: 'opportunities', fr: 'opportunities' },
    unit: { type: 'count' },
    kind: 'pipeline',
    direction: 'higher',
    aggregation: 'sum',
    sources: ['import'],
    ...stamps,
  });
  await db.insert(pg.objectives).values({
    id: 'team:sales:pipeline',
    scope: 'team',
    teamId: 'sales',
    kpiId: 'opportunities',
    target: { value: 30 },
    schedule: [],
    per: 'quarter',
    comparator: '>=',
    ...stamps,
  });
}
