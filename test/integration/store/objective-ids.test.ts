// The core finds the store's objective rows by the ids the config sync gives them: for the example
// workspace (every seed role, overrides, segments, collective objectives) both sides agree, and the
// objectives version moves with each target change, in chat or from the config. On SQLite and PostgreSQL.
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import { teamObjectiveId, workspaceObjectiveIds } from '../../../src/core/domain/objective-ids.js';
import type { Store } from '../../../src/store/connection.js';
import { STORE_BACKENDS } from '../../helpers/store-backends.js';
import { fixtureWorkspace, withRoleTarget } from '../../helpers/workspace-fixture.js';

let store: Store;
afterEach(async () => store?.close());

describe.each(STORE_BACKENDS)('objective ids ($name)', (backend) => {
  it('are the same in the core and in the store for the example workspace', async () => {
    const { workspace } = await loadWorkspace(undefined);
    store = await backend.open();
    await store.workspace.sync(workspace, { actor: 'config', at: '2026-01-01T00:00:00.000Z' });
    const ids = workspaceObjectiveIds(workspace);
    const core = [
      ...[...ids.roles.values()].flat(),
      ...[...ids.members.values()].flat(),
      ...workspace.teams.flatMap((t) => t.collective.map((c) => teamObjectiveId(t.id, c.id))),
    ].sort();
    const stored = (await store.objectives.list({})).map((o) => o.id).sort();
    expect(core).toEqual(stored);
    expect(core.some((id) => id.startsWith('member:'))).toBe(true);
  });

  it('give a version that changes with chat changes and config syncs, and only then', async () => {
    store = await backend.open();
    const ws = fixtureWorkspace();
    await store.workspace.sync(ws, { actor: 'config', at: '2026-01-01T00:00:00.000Z' });
    const v1 = await store.objectives.version!();
    await store.workspace.sync(ws, { actor: 'config', at: '2026-01-02T00:00:00.000Z' });
    expect(await store.objectives.version!()).toBe(v1);
    await store.objectives.changeTarget({
      objectiveId: 'team:sales:pipeline',
      target: { value: 33 },
      effectiveFrom: '2026-04-01',
      by: 'carol',
      reason: 'QBR',
      at: '2026-01-03T00:00:00.000Z',
    });
    const v2 = await store.objectives.version!();
    expect(v2).not.toBe(v1);
    await store.workspace.sync(withRoleTarget(ws, 'sdr', 'meetings', 30), {
      actor: 'config',
      at: '2026-01-01T00:00:00.000Z',
    });
    expect(await store.objectives.version!()).not.toBe(v2);
  });
});
