// Starts the whole bot from a parsed AppConfig: store, workspace, HTTP server and (later) adapters and
// scheduler. Returned handle stops everything cleanly. main.ts calls it; tests call it in-process.
import { hasPlatform, type AppConfig } from './config/env.js';
import { loadWorkspace, type LoadedWorkspace } from './config/workspace-load.js';
import { registerHealth } from './http/health.js';
import { HttpServer } from './http/server.js';
import type { Logger } from './logging/logger.js';
import { schedulePlan } from './scheduling/schedule-plan.js';
import { openStore, type Store } from './store/connection.js';
import { syncWorkspace } from './store/sync-workspace.js';

export interface RunningApp {
  readonly port: number;
  readonly mode: 'sandbox' | 'platform';
  readonly store: Store;
  readonly workspace: LoadedWorkspace;
  stop(): Promise<void>;
}

export async function startApp(config: AppConfig, log: Logger): Promise<RunningApp> {
  const sandbox = config.sandbox === 'on' || (config.sandbox === 'auto' && !hasPlatform(config));
  const mode = sandbox ? 'sandbox' : 'platform';
  const platforms = [config.slack ? 'slack' : null, config.teams ? 'teams' : null].filter((p): p is string => p !== null);
  if (sandbox && platforms.length === 0) log.info('no Slack or Teams credentials: starting the local sandbox');

  const loaded = await loadWorkspace(config.workspaceConfigPath);
  if (loaded.isExample) log.info({ path: loaded.path }, 'RITUALS_CONFIG not set: using the bundled example workspace');
  log.info({ summary: loaded.summary }, 'workspace loaded');

  // The sandbox keeps its own database so trying it never touches a real deployment's data.
  const databaseUrl = sandbox && platforms.length === 0 ? config.sandboxDatabaseUrl : config.databaseUrl;
  const store = await openStore(databaseUrl);
  log.info({ database: databaseUrl }, 'store open, migrations applied');
  const sync = await syncWorkspace(store, loaded.workspace, { actor: 'config' });
  log.info({ sync }, 'workspace synced into the store');

  for (const p of schedulePlan(loaded.workspace, new Date())) {
    log.info({ team: p.team, ritual: p.ritual, cron: p.cron, timezone: p.timezone, localTime: p.localTime, next: p.next }, 'ritual scheduled');
  }

  const http = new HttpServer(log.child({ area: 'http' }));
  registerHealth(http, {
    mode,
    platforms,
    checkStore: () => store.sqlite.prepare('select 1 as ok').get() !== undefined,
  });
  const host = config.host ?? (sandbox ? '127.0.0.1' : '0.0.0.0');
  const { port } = await http.listen(config.port, host);
  log.info({ host, port, mode }, `listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);

  let stopped = false;
  return {
    port,
    mode,
    store,
    workspace: loaded,
    async stop() {
      if (stopped) return;
      stopped = true;
      await http.close();
      await store.close();
      log.info('stopped');
    },
  };
}
