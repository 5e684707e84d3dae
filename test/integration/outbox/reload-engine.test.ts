// A config edit reaches the running engine without a restart and without duplicates: the watcher swaps
// the workspace the core reads and re-syncs the store; the next ticks follow the new schedule and the
// new member, while members already prompted this week are not prompted again.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCore } from '../../../src/compose/build-core.js';
import { parseWorkspace } from '../../../src/config/workspace-load.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import { watchWorkspaceConfig } from '../../../src/scheduling/config-reload.js';
import type { Store } from '../../../src/store/connection.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { captureLog } from '../../helpers/capture-log.js';
import { repoRoot } from '../../helpers/cli.js';
import { memoryStore, tempDir } from '../../helpers/store.js';
import { waitFor } from '../../helpers/wait-for.js';

const minimal = readFileSync(`${repoRoot}/examples/minimal.yaml`, 'utf8');
const SAM = '      - { id: sam, name: Sam Patel, role: sdr, start: 2025-06-02, slack: U0SAM }';
const edited = minimal
  .replace(SAM, `${SAM}\n      - { id: lea, name: Lea Martin, role: sdr, start: 2025-09-01, slack: U0LEA }`)
  .replace('    name: Sales\n', "    name: Sales\n    rituals:\n      checkin: { cron: '5 16 * * 5' }\n");

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const dmRecipients = (store: Store) =>
  (rawSqlite(store).prepare(`select target from outbox`).all() as { target: string }[])
    .map((r) => JSON.parse(r.target) as { destination: { kind: string; memberId?: string } })
    .filter((t) => t.destination.kind === 'dm')
    .map((t) => t.destination.memberId!)
    .sort();

describe('config hot reload with the engine', () => {
  it('a new member and a moved check-in take effect at the next tick, with no second prompt for anyone', async () => {
    const tmp = tempDir('rituals-reload-engine-');
    cleanups.push(() => tmp.remove());
    const file = tmp.file('workspace.yaml');
    writeFileSync(file, minimal);
    const first = parseWorkspace(minimal, file);
    if (!first.ok) throw new Error('example config invalid');

    const store = await memoryStore();
    cleanups.push(() => store.close());
    let workspace: Workspace = first.workspace;
    await syncWorkspace(store, workspace, { actor: 'config', at: '2026-11-01T00:00:00.000Z' });
    let now = new Date('2026-11-20T16:00:30.000Z'); // Friday 16:00 in London
    const { engine } = buildCore({
      store,
      workspace: () => workspace,
      log: captureLog(),
      clock: { now: () => now },
      platformFor: () => 'slack',
    }).core;

    await engine.tick(now);
    const before = dmRecipients(store);
    expect(before).toContain('sam');
    expect(before).not.toContain('lea');

    const watcher = await watchWorkspaceConfig({
      path: file,
      log: captureLog(),
      debounceMs: 50,
      onChange: async (loaded) => {
        workspace = loaded.workspace;
        await syncWorkspace(store, loaded.workspace, { actor: 'config', at: now.toISOString() });
      },
    });
    cleanups.push(() => watcher.close());
    writeFileSync(file, edited);
    await waitFor(
      () => workspace.teams[0]!.members.length,
      (n) => n === 3,
      5_000,
    );

    now = new Date('2026-11-20T16:05:30.000Z'); // the new check-in time
    await engine.tick(now);
    now = new Date('2026-11-20T16:06:30.000Z');
    await engine.tick(now);
    const after = dmRecipients(store);
    // Lea got this week's prompt at the new time; nobody got a second one.
    expect(after.filter((m) => m === 'lea')).toHaveLength(1);
    expect(after.filter((m) => m === 'sam')).toHaveLength(1);
    expect(new Set(after).size).toBe(after.length);
  });
});
