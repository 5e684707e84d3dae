// The effective workspace: the config with the targets kept on the store's objective rows (chat changes),
// matched by the ids the config sync gives; and its cache, kept while the store's version holds.
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/core/domain/model.js';
import type { StoredObjective } from '../../../src/core/ports/index.js';
import { applyStoredTargets, EffectiveWorkspaces } from '../../../src/core/rituals/queries/effective-workspace.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

function row(id: string, scope: StoredObjective['scope'], over: Partial<StoredObjective> = {}): StoredObjective {
  return {
    id,
    scope,
    roleId: null,
    memberId: null,
    teamId: null,
    kpiId: 'x',
    target: { value: 1 },
    schedule: [],
    effectiveFrom: null,
    per: 'month',
    comparator: '>=',
    weight: 1,
    alert: null,
    ownerId: null,
    segment: null,
    active: true,
    ...over,
  };
}

const sales = (ws: Workspace) => ws.teams.find((t) => t.id === 'sales')!;

describe('applyStoredTargets', () => {
  it('is the config itself when the store holds no objective', () => {
    const ws = fixtureWorkspace();
    expect(applyStoredTargets(ws, [])).toBe(ws);
    expect(
      applyStoredTargets(ws, [row('role:sdr:meetings:month', 'role', { active: false, target: { value: 99 } })]),
    ).toBe(ws);
  });

  it('takes role targets and their dated changes, member overrides and collective targets from the rows', () => {
    const ws = fixtureWorkspace();
    const out = applyStoredTargets(ws, [
      row('role:sdr:meetings:month', 'role', {
        target: { value: 35 },
        schedule: [{ from: '2026-11-01', target: { value: 40 } }],
      }),
      row('member:bob:revenue:quarter', 'member', {
        target: { value: 90_000 },
        schedule: [{ from: '2026-10-01', target: { value: 100_000 } }],
      }),
      row('team:sales:pipeline', 'team', {
        target: { value: 30 },
        schedule: [{ from: '2026-10-01', target: { value: 36 } }],
      }),
      row('role:ae:unknown:month', 'role', { target: { value: 5 } }),
    ]);
    expect(out.roles.sdr!.objectives[0]).toMatchObject({
      kpi: 'meetings',
      target: { value: 35 },
      history: [{ from: '2026-11-01', target: { value: 40 } }],
    });
    expect(out.roles.ae).toEqual(ws.roles.ae);
    expect(sales(out).members.find((m) => m.id === 'bob')!.overrides).toEqual([
      { kpi: 'revenue', target: { value: 90_000 } },
      { kpi: 'revenue', target: { value: 100_000 }, from: '2026-10-01' },
    ]);
    expect(sales(out).collective[0]).toMatchObject({
      id: 'pipeline',
      target: 30,
      history: [{ from: '2026-10-01', target: 36 }],
    });
    // The config object is left as it was.
    expect(ws.roles.sdr!.objectives[0]!.history).toEqual([]);
    expect(sales(ws).collective[0]!.history).toBeUndefined();
  });

  it('never dates a change of an override before the override itself', () => {
    const ws = fixtureWorkspace();
    const bob = sales(ws).members.find((m) => m.id === 'bob')!;
    const dated = {
      ...ws,
      teams: ws.teams.map((t) =>
        t.id === 'sales'
          ? {
              ...t,
              members: t.members.map((m) =>
                m === bob
                  ? { ...m, overrides: [{ kpi: 'revenue', target: { value: 90_000 }, from: '2026-07-01' }] }
                  : m,
              ),
            }
          : t,
      ),
    };
    const out = applyStoredTargets(dated, [
      row('member:bob:revenue:quarter@2026-07-01', 'member', {
        target: { value: 90_000 },
        schedule: [{ from: '2026-01-01', target: { value: 80_000 } }],
      }),
    ]);
    expect(
      sales(out)
        .members.find((m) => m.id === 'bob')!
        .overrides.map((o) => [o.from, o.target]),
    ).toEqual([
      ['2026-07-01', { value: 90_000 }],
      ['2026-07-01', { value: 80_000 }],
    ]);
  });
});

describe('EffectiveWorkspaces', () => {
  it('reads the store again only when the config object or the objectives version changes', async () => {
    let version = 'v1';
    let lists = 0;
    let rows: StoredObjective[] = [row('team:sales:pipeline', 'team', { target: { value: 30 } })];
    const cache = new EffectiveWorkspaces({
      list: async () => {
        lists++;
        return rows;
      },
      version: async () => version,
    });
    const ws = fixtureWorkspace();
    const a = await cache.get(ws);
    expect(await cache.get(ws)).toBe(a);
    expect(lists).toBe(1);
    rows = [row('team:sales:pipeline', 'team', { target: { value: 33 } })];
    version = 'v2';
    expect(sales(await cache.get(ws)).collective[0]!.target).toBe(33);
    expect(lists).toBe(2);
    const reloaded = fixtureWorkspace();
    expect(sales(await cache.get(reloaded)).collective[0]!.target).toBe(33);
    expect(lists).toBe(3);
  });

  it('reads the store on every use without a version, and is the config without a repository', async () => {
    let lists = 0;
    const cache = new EffectiveWorkspaces({ list: async () => (lists++, []) });
    const ws = fixtureWorkspace();
    await cache.get(ws);
    await cache.get(ws);
    expect(lists).toBe(2);
    expect(await new EffectiveWorkspaces(undefined).get(ws)).toBe(ws);
  });
});
