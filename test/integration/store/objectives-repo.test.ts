// The objectives repository on SQLite and PostgreSQL: a manager's target change writes history and the
// audit log, and survives a config sync that leaves that objective's entry unchanged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/connection.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { STORE_BACKENDS } from '../../helpers/store-backends.js';
import { fixtureWorkspace, withRoleTarget } from '../../helpers/workspace-fixture.js';

const T1 = '2026-03-02T09:00:00.000Z';
const T2 = '2026-03-03T09:00:00.000Z';
const T3 = '2026-03-04T09:00:00.000Z';

describe.each(STORE_BACKENDS)('objectives ($name)', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
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

  it('replaces the manager change once that config entry changes, recording the change from it', async () => {
    await store.objectives.changeTarget({
      objectiveId: 'role:sdr:meetings:month',
      target: { value: 40 },
      by: 'carol',
      reason: 'r',
      at: T2,
    });
    const summary = await syncWorkspace(store, withRoleTarget(fixtureWorkspace(), 'sdr', 'meetings', 50), {
      actor: 'config',
      at: T3,
    });
    expect(summary).toMatchObject({ updated: 1, targetChanges: 1 });
    expect((await store.objectives.get('role:sdr:meetings:month'))?.target).toEqual({ value: 50 });
    expect((await store.objectives.targetHistory('role:sdr:meetings:month')).at(-1)).toMatchObject({
      changedBy: 'config',
      oldTarget: { value: 40 },
      newTarget: { value: 50 },
    });
  });

  it('lists by scope, team and member, ordered by id, and hides inactive objectives unless asked', async () => {
    expect((await store.objectives.list({ scope: 'team' })).map((o) => o.id)).toEqual(['team:sales:pipeline']);
    expect((await store.objectives.list({ memberId: 'bob' })).map((o) => o.id)).toEqual(['member:bob:revenue:quarter']);
    expect((await store.objectives.list({ roleId: 'ae' })).map((o) => o.id)).toEqual([
      'member:bob:revenue:quarter',
      'role:ae:revenue:quarter',
      'role:ae:win_rate:quarter',
    ]);
    const ws = fixtureWorkspace();
    await syncWorkspace(
      store,
      { ...ws, teams: ws.teams.map((t) => ({ ...t, collective: [] })) },
      {
        actor: 'config',
        at: T2,
      },
    );
    expect(await store.objectives.list({ teamId: 'sales' })).toEqual([]);
    expect(await store.objectives.list({ teamId: 'sales', includeInactive: true })).toMatchObject([
      { id: 'team:sales:pipeline', scope: 'team', alert: 20, ownerId: 'carol', active: false },
    ]);
  });

  it('gives the same objective values as the config describes', async () => {
    expect(await store.objectives.get('member:bob:revenue:quarter')).toEqual({
      id: 'member:bob:revenue:quarter',
      scope: 'member',
      roleId: 'ae',
      memberId: 'bob',
      teamId: null,
      kpiId: 'revenue',
      target: { value: 90_000 },
      schedule: [],
      effectiveFrom: null,
      per: 'quarter',
      comparator: '>=',
      weight: expect.any(Number),
      alert: null,
      ownerId: null,
      segment: null,
      active: true,
    });
    expect(await store.objectives.get('nope')).toBeUndefined();
  });

  it('moves the version with a target change and not with an unchanged sync', async () => {
    const v1 = await store.objectives.version!();
    await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T2 });
    expect(await store.objectives.version!()).toBe(v1);
    await store.objectives.changeTarget({
      objectiveId: 'team:sales:pipeline',
      target: { value: 33 },
      by: 'carol',
      reason: 'r',
      at: T2,
    });
    expect(await store.objectives.version!()).not.toBe(v1);
  });
});
