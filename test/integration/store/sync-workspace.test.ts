// Config sync, on SQLite and PostgreSQL: idempotent, never deletes, records target changes and audits what
// changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/connection.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { rawCount } from '../../helpers/raw-store.js';
import { POSTGRES_TARGET, STORE_BACKENDS } from '../../helpers/store-backends.js';
import { fixtureWorkspace, withoutMember, withRoleTarget } from '../../helpers/workspace-fixture.js';

const T1 = '2026-03-02T09:00:00.000Z';
const T2 = '2026-03-09T09:00:00.000Z';

describe.each(STORE_BACKENDS)('syncWorkspace ($name)', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.close());

  const count = (table: string) => rawCount(store, table);
  const counts = (tables: string[]) => Promise.all(tables.map(count));

  it(`runs on ${backend.name === 'postgres' ? POSTGRES_TARGET : 'SQLite in memory'}`, () => {
    expect(store.dialect).toBe(backend.name);
  });

  it('creates teams, members with identities, KPIs and objectives', async () => {
    const summary = await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T1 });
    expect(summary.created).toBeGreaterThan(0);
    expect((await store.workspace.listTeams()).map((t) => t.id)).toEqual(['sales', 'support']);
    const bob = await store.workspace.findMemberByIdentity('slack', 'U_BOB');
    expect(bob).toMatchObject({
      id: 'bob',
      roleId: 'ae',
      teamsAadId: 'aad-bob',
      email: 'bob@example.com',
      active: true,
      teamIds: ['sales'],
    });
    expect((await store.workspace.findMemberByIdentity('email', 'BOB@Example.com'))?.id).toBe('bob');
    expect((await store.objectives.list({})).map((o) => o.id)).toEqual([
      'member:bob:revenue:quarter',
      'role:ae:revenue:quarter',
      'role:ae:win_rate:quarter',
      'role:sdr:meetings:month',
      'role:support:csat:month',
      'team:sales:pipeline',
    ]);
    expect(await store.objectives.get('member:bob:revenue:quarter')).toMatchObject({
      target: { value: 90_000 },
      per: 'quarter',
      comparator: '>=',
    });
    expect(await store.objectives.get('team:sales:pipeline')).toMatchObject({
      scope: 'team',
      teamId: 'sales',
      alert: 20,
      ownerId: 'carol',
    });
    expect(await count('kpis')).toBe(8);
  });

  it('writes nothing the second time', async () => {
    await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T1 });
    const tables = ['audit_log', 'objective_target_history', 'members', 'team_members', 'objectives'];
    const before = await counts(tables);
    const summary = await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T2 });
    expect(summary).toEqual({ created: 0, updated: 0, deactivated: 0, targetChanges: 0 });
    expect(await counts(tables)).toEqual(before);
    expect(await rawCount(store, 'members', 'updated_at = ?', T2)).toBe(0);
  });

  it('marks a member removed from the config inactive, keeping the row and its data', async () => {
    await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T1 });
    await store.checkIns.submit({
      memberId: 'alice',
      teamId: 'sales',
      periodKey: '2026-W10',
      values: { calls: 1 },
      idempotencyKey: 'k',
      submittedAt: T1,
    });
    const summary = await syncWorkspace(store, withoutMember(fixtureWorkspace(), 'alice'), { actor: 'config', at: T2 });
    expect(summary.deactivated).toBe(2); // the member and her membership
    expect((await store.workspace.listMembers({ teamId: 'sales' })).map((m) => m.id)).toEqual(['bob', 'carol']);
    const all = await store.workspace.listMembers({ includeInactive: true });
    expect(all.find((m) => m.id === 'alice')).toMatchObject({ active: false, teamIds: [] });
    expect(await rawCount(store, 'check_ins', `member_id = 'alice'`)).toBe(1);
    expect(await store.audit.list({ entity: 'member', entityId: 'alice' })).toMatchObject([
      { action: 'member.deactivate', actor: 'config', at: T2 },
      { action: 'member.create', actor: 'config', at: T1 },
    ]);
    // Back in the config: active again, same row.
    await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T2 });
    expect(await store.workspace.findMemberByIdentity('slack', 'U_ALICE')).toMatchObject({
      active: true,
      teamIds: ['sales'],
    });
  });

  it('writes a target-history row when a config target changes', async () => {
    await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T1 });
    const summary = await syncWorkspace(store, withRoleTarget(fixtureWorkspace(), 'sdr', 'meetings', 40), {
      actor: 'config',
      at: T2,
    });
    expect(summary).toMatchObject({ updated: 1, targetChanges: 1 });
    const history = await store.objectives.targetHistory('role:sdr:meetings:month');
    expect(history.map((h) => [h.changedBy, h.changedAt, h.reason, h.oldTarget, h.newTarget, h.effectiveFrom])).toEqual(
      [
        ['config', T1, 'config file', null, { value: 35 }, null],
        ['config', T2, 'config file', { value: 35 }, { value: 40 }, null],
      ],
    );
    expect(
      await store.audit.list({ entity: 'objective', entityId: 'role:sdr:meetings:month', since: T2 }),
    ).toMatchObject([
      { action: 'objective.update', before: { target: { value: 35 } }, after: { target: { value: 40 } } },
    ]);
  });

  it('records dated target changes from the config schedule', async () => {
    await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T1 });
    const ws = fixtureWorkspace();
    const sdr = ws.roles.sdr!;
    const next = {
      ...ws,
      roles: {
        ...ws.roles,
        sdr: {
          ...sdr,
          objectives: [{ ...sdr.objectives[0]!, history: [{ from: '2026-07-01', target: { value: 38 } }] }],
        },
      },
    };
    await syncWorkspace(store, next, { actor: 'config', at: T2 });
    const last = (await store.objectives.targetHistory('role:sdr:meetings:month')).at(-1);
    expect(last).toMatchObject({ oldTarget: null, newTarget: { value: 38 }, effectiveFrom: '2026-07-01' });
  });

  it('deactivates a removed objective and a removed team without deleting them', async () => {
    await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T1 });
    const ws = fixtureWorkspace();
    await syncWorkspace(
      store,
      { ...ws, teams: ws.teams.filter((t) => t.id === 'sales').map((t) => ({ ...t, collective: [] })) },
      { actor: 'config', at: T2 },
    );
    expect((await store.workspace.listTeams()).map((t) => t.id)).toEqual(['sales']);
    expect((await store.workspace.listTeams({ includeInactive: true })).map((t) => [t.id, t.active])).toEqual([
      ['sales', true],
      ['support', false],
    ]);
    expect(await store.objectives.get('team:sales:pipeline')).toMatchObject({ active: false });
    expect(await count('team_members')).toBe(5);
  });
});
