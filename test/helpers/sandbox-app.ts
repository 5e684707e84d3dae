// Starts sandbox mode in-process on 127.0.0.1 and an ephemeral port, composed as app.ts does it: the
// sandbox's own SQLite store (migrated, workspace synced), the real core, the outbox sender and the page.
import { loadWorkspace } from '../../src/config/workspace-load.js';
import { HttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logging/logger.js';
import { composeSandbox, type SandboxApp } from '../../src/sandbox/compose.js';
import type { SeedOptions } from '../../src/sandbox/seed-history.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { syncWorkspace } from '../../src/store/sync-workspace.js';

export interface RunningSandbox {
  readonly base: string;
  readonly app: SandboxApp;
  readonly store: Store;
  stop(): Promise<void>;
}

export interface SandboxAppTestOptions {
  /** Default: in memory. */
  readonly databaseUrl?: string;
  readonly configPath?: string;
  /** The real time under the sandbox clock (default: a fixed Thursday, 26 Nov 2026 10:00 UTC). */
  readonly realNow?: () => Date;
  readonly seed?: SeedOptions | false;
  readonly logLevel?: string;
}

export async function startSandboxApp(opts: SandboxAppTestOptions = {}): Promise<RunningSandbox> {
  const log = createLogger(opts.logLevel ?? 'silent');
  const workspace = (await loadWorkspace(opts.configPath)).workspace;
  const databaseUrl = opts.databaseUrl ?? ':memory:';
  const realNow = opts.realNow ?? (() => new Date('2026-11-26T10:00:00Z'));
  const store = await openStore(databaseUrl);
  await syncWorkspace(store, workspace, { actor: 'config', at: realNow().toISOString() });
  const http = new HttpServer(log);
  const app = composeSandbox({
    store,
    databaseUrl,
    protectedDatabaseUrls: ['file:./data/rituals.db'],
    workspace: () => workspace,
    http,
    log,
    realNow,
    seed: opts.seed,
    autoTickMs: 0,
  });
  await app.start();
  const { port } = await http.listen(0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${port}`,
    app,
    store,
    async stop() {
      await app.stop();
      await http.close();
      await store.close();
    },
  };
}
