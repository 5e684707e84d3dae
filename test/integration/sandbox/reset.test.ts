// The reset button's safety and effect on a real SQLite file: only the sandbox's own database is ever
// emptied (never the one DATABASE_URL names), emptying keeps the schema and migration history, and the
// sandbox refuses to be composed on any other database at all.
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { composeSandbox } from '../../../src/sandbox/compose.js';
import { assertSandboxStore, SandboxResetError } from '../../../src/sandbox/reset.js';
import { openStore } from '../../../src/store/connection.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { tempDir } from '../../helpers/store.js';

const dir = tempDir('rituals-sandbox-reset-');
afterAll(() => dir.remove());

describe('sandbox reset', () => {
  it('refuses any database but the sandbox one', async () => {
    const url = `file:${dir.file('sandbox.db')}`;
    const store = await openStore(url);
    try {
      expect(() => assertSandboxStore(store, url, [`file:${dir.file('rituals.db')}`])).not.toThrow();
      // The same file under another spelling is still the deployment's database.
      expect(() => assertSandboxStore(store, url, [dir.file('sandbox.db')])).toThrow(SandboxResetError);
      expect(() => assertSandboxStore(store, `file:${dir.file('other.db')}`, [])).toThrow(/not the sandbox database/);
    } finally {
      await store.close();
    }
  });

  it('empties every table but keeps the migrations', async () => {
    const store = await openStore(`file:${dir.file('wipe.db')}`);
    try {
      await syncWorkspace(store, (await loadWorkspace(undefined)).workspace, { actor: 'config' });
      await store.engineState.set('sandbox:seeded', '{}', '2026-11-23T00:00:00Z');
      expect((await store.workspace.listMembers()).length).toBeGreaterThan(10);
      const tables = await store.reset();
      expect(tables).toBeGreaterThan(10);
      expect(await store.workspace.listMembers()).toEqual([]);
      expect(await store.engineState.get('sandbox:seeded')).toBeUndefined();
      const migrations = rawSqlite(store).prepare('select count(*) as n from __drizzle_migrations').get() as {
        n: number;
      };
      expect(migrations.n).toBe(store.migrations.known.length);
      // Foreign keys are back on and the store works as before.
      expect(rawSqlite(store).pragma('foreign_keys', { simple: true })).toBe(1);
      await syncWorkspace(store, (await loadWorkspace(undefined)).workspace, { actor: 'config' });
      expect((await store.workspace.listMembers()).length).toBeGreaterThan(10);
    } finally {
      await store.close();
    }
  });
});

describe('sandbox composition', () => {
  it('refuses to run on the deployment database', async () => {
    const url = `file:${dir.file('rituals.db')}`;
    const store = await openStore(url);
    try {
      const ws = (await loadWorkspace(undefined)).workspace;
      const log = createLogger('silent');
      const compose = (databaseUrl: string) =>
        composeSandbox({
          store,
          databaseUrl,
          protectedDatabaseUrls: [url],
          workspace: () => ws,
          http: new HttpServer(log),
          log,
        });
      expect(() => compose(url)).toThrow(SandboxResetError);
      expect(() => compose(`file:${dir.file('sandbox.db')}`)).toThrow(/not the sandbox database/);
    } finally {
      await store.close();
    }
  });
});
