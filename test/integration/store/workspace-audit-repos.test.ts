// The workspace and audit repositories on SQLite and PostgreSQL: lookups by platform identity, identities
// learnt at run time that the config sync leaves alone, former members of a team, and the audit log's
// filters and order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/connection.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { STORE_BACKENDS } from '../../helpers/store-backends.js';
import { fixtureWorkspace, withoutMember } from '../../helpers/workspace-fixture.js';

const T1 = '2026-03-02T09:00:00.000Z';
const T2 = '2026-03-09T09:00:00.000Z';

describe.each(STORE_BACKENDS)('workspace repository ($name)', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
    await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T1 });
  });
  afterEach(() => store.close());

  it('lists teams and members in id order, with their teams', async () => {
    expect(await store.workspace.listTeams()).toEqual([
      { id: 'sales', name: 'Sales France', timezone: 'Europe/Paris', locale: 'fr', active: true },
      { id: 'support', name: 'Support', timezone: 'Europe/London', locale: 'en', active: true },
    ]);
    expect((await store.workspace.listMembers()).map((m) => [m.id, m.teamIds])).toEqual([
      ['alice', ['sales']],
      ['bob', ['sales']],
      ['carol', ['sales']],
      ['dave', ['support']],
      ['erin', ['support']],
    ]);
    expect((await store.workspace.listMembers({ teamId: 'support' })).map((m) => m.id)).toEqual(['dave', 'erin']);
    expect(await store.workspace.findMemberByIdentity('teams', 'aad-dave')).toEqual({
      id: 'dave',
      name: 'Dave Smith',
      roleId: 'support',
      startDate: '2025-01-06',
      slackUserId: 'U_DAVE',
      teamsAadId: 'aad-dave',
      email: 'dave@example.com',
      upn: null,
      active: true,
      teamIds: ['support'],
    });
    expect(await store.workspace.findMemberByIdentity('slack', 'U_NOBODY')).toBeUndefined();
  });

  it('keeps a UPN learnt at run time through a sync that changes the member', async () => {
    await store.workspace.setIdentity('dave', 'upn', 'Dave@Contoso.com');
    expect((await store.workspace.findMemberByIdentity('upn', 'dave@contoso.com'))?.id).toBe('dave');
    const ws = fixtureWorkspace();
    const renamed = {
      ...ws,
      teams: ws.teams.map((t) => ({
        ...t,
        members: t.members.map((m) => (m.id === 'dave' ? { ...m, name: 'David Smith' } : m)),
      })),
    };
    expect(await syncWorkspace(store, renamed, { actor: 'config', at: T2 })).toMatchObject({ updated: 1 });
    expect(await store.workspace.findMemberByIdentity('upn', 'DAVE@CONTOSO.COM')).toMatchObject({
      name: 'David Smith',
      upn: 'Dave@Contoso.com',
    });
  });

  it('names the former members of a team, and none once they are back', async () => {
    expect(await store.workspace.formerMemberIds!('sales')).toEqual([]);
    await syncWorkspace(store, withoutMember(withoutMember(fixtureWorkspace(), 'bob'), 'alice'), {
      actor: 'config',
      at: T2,
    });
    expect(await store.workspace.formerMemberIds!('sales')).toEqual(['alice', 'bob']);
    expect(await store.workspace.formerMemberIds!('support')).toEqual([]);
    await syncWorkspace(store, fixtureWorkspace(), { actor: 'config', at: T2 });
    expect(await store.workspace.formerMemberIds!('sales')).toEqual([]);
  });
});

describe.each(STORE_BACKENDS)('audit repository ($name)', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.close());

  it('records an entry and gives it back with its id and parsed JSON', async () => {
    const e = await store.audit.record({
      at: T1,
      actor: 'carol',
      action: 'token.create',
      entity: 'token',
      before: null,
      after: { name: 'crm', scopes: ['read'], nested: { b: 1, a: [2, null] } },
    });
    expect(e).toEqual({
      id: expect.any(Number),
      at: T1,
      actor: 'carol',
      action: 'token.create',
      entity: 'token',
      entityId: null,
      before: null,
      after: { name: 'crm', scopes: ['read'], nested: { b: 1, a: [2, null] } },
    });
    expect(await store.audit.list({})).toEqual([e]);
  });

  it('filters by entity, id, actor, instant and day, newest first, at most the limit', async () => {
    const at = ['2026-03-01T23:59:59.999Z', '2026-03-02T00:00:00.000Z', '2026-03-03T10:00:00.000Z'];
    for (const [i, when] of at.entries()) {
      await store.audit.record({
        at: when,
        actor: i === 1 ? 'erin' : 'carol',
        action: 'x.y',
        entity: 'x',
        entityId: `${i}`,
      });
    }
    await store.audit.record({ at: T2, actor: 'config', action: 'team.update', entity: 'team', entityId: 'sales' });
    const ids = (rows: { entityId: string | null }[]) => rows.map((r) => r.entityId);
    expect(ids(await store.audit.list({ entity: 'x' }))).toEqual(['2', '1', '0']);
    expect(ids(await store.audit.list({ entity: 'x', entityId: '1' }))).toEqual(['1']);
    expect(ids(await store.audit.list({ actor: 'carol' }))).toEqual(['2', '0']);
    expect(ids(await store.audit.list({ since: '2026-03-02T00:00:00.000Z', entity: 'x' }))).toEqual(['2', '1']);
    expect(ids(await store.audit.list({ from: '2026-03-02', to: '2026-03-02' }))).toEqual(['1']);
    expect(ids(await store.audit.list({ from: '2026-03-03' }))).toEqual(['sales', '2']);
    expect(ids(await store.audit.list({ limit: 2 }))).toEqual(['sales', '2']);
  });
});
