// Starts the whole bot from a parsed AppConfig: workspace, store, the one HTTP server (health, metrics,
// ingest API, chart links), then either the local sandbox or the platform runtime (core, Slack, Teams,
// outbox sender, scheduler), and the config file watcher. The returned handle stops everything cleanly.
// In platform mode on a database file, this thread only answers: the scheduler, the engine, breach
// scans and the outbox sender run in a background worker thread (compose/background-thread.ts). An
// in-memory database cannot be shared between threads: everything then runs here, as in the sandbox.

import { type BackgroundThread, sharedConfig, startBackgroundThread } from './compose/background-thread.js';
import { createPlatformRuntime, loadPlatformAdapters, type PlatformRuntime } from './compose/platform-runtime.js';
import { warmUp } from './compose/warm-up.js';
import { type AppConfig, hasPlatform } from './config/env.js';
import { workspaceCacheDir } from './config/workspace-cache.js';
import { type LoadedWorkspace, loadWorkspace } from './config/workspace-load.js';
import type { RitualsCore } from './core/rituals/create-core.js';
import { createChartLinks, registerChartRoute } from './http/chart-links.js';
import { registerHealth } from './http/health.js';
import { registerIngestApi } from './http/ingest-api.js';
import { createMetrics } from './http/metrics.js';
import { createMetricsEndpoint } from './http/metrics-endpoint.js';
import { HttpServer } from './http/server.js';
import type { Logger } from './logging/logger.js';
import { composeSandbox, type SandboxApp } from './sandbox/compose.js';
import { type ConfigWatcher, watchWorkspaceConfig } from './scheduling/config-reload.js';
import { schedulePlan } from './scheduling/schedule-plan.js';
import { openStore, type Store } from './store/connection.js';
import { createOutboxRepo } from './store/outbox.repo.js';
import { withoutPassword } from './store/store-error.js';
import { syncWorkspace } from './store/sync-workspace.js';

export interface RunningApp {
  readonly port: number;
  readonly mode: 'sandbox' | 'platform';
  readonly store: Store;
  readonly core: RitualsCore;
  /**
   * Where background work runs: runNow (a fan-out) and breach scans go to the worker thread when there
   * is one, else to this thread's engine.
   */
  readonly background: Pick<RitualsCore['engine'], 'runNow'> & {
    readonly thread: boolean;
    requestScan(teamId: string): void;
  };
  workspace(): LoadedWorkspace;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * `thread` (default on a database file): background work in a worker thread; `inline`: in this thread
   * (always so for an in-memory database and in the sandbox).
   */
  readonly background?: 'thread' | 'inline';
  /** The workspace config, already being read (main.ts reads it in a thread); default: read here. */
  readonly workspace?: Promise<LoadedWorkspace>;
}

export async function startApp(appConfig: AppConfig, log: Logger, opts: StartOptions = {}): Promise<RunningApp> {
  // One chart link key for both threads (a random one when CHART_URL_SECRET is not set).
  const config = sharedConfig(appConfig);
  const platforms = [config.slack ? 'slack' : null, config.teams ? 'teams' : null].filter(
    (p): p is string => p !== null,
  );
  const sandbox = config.sandbox === 'on' || (config.sandbox === 'auto' && !hasPlatform(config));
  const mode = sandbox ? 'sandbox' : 'platform';
  if (sandbox && platforms.length === 0) log.info('no Slack or Teams credentials: starting the local sandbox');
  if (!sandbox && platforms.length === 0)
    log.warn('SANDBOX=off and no Slack or Teams credentials: rituals will be computed but nobody can be reached');

  let current = await (opts.workspace ?? loadWorkspace(config.workspaceConfigPath));
  if (current.isExample)
    log.info({ path: current.path }, 'RITUALS_CONFIG not set: using the bundled example workspace');
  log.info({ summary: current.summary }, 'workspace loaded');
  const workspace = () => current.workspace;

  // The sandbox keeps its own database so trying it never touches a real deployment's data.
  const databaseUrl = sandbox ? config.sandboxDatabaseUrl : config.databaseUrl;
  const store = await openStore(databaseUrl, { poolSize: config.databasePoolSize });
  log.info(
    { database: withoutPassword(databaseUrl), applied: store.migrations.applied.length },
    'store open, migrations applied',
  );
  const sync = await syncWorkspace(store, current.workspace, { actor: 'config' });
  log.info({ sync }, 'workspace synced into the store');
  for (const p of schedulePlan(current.workspace, new Date())) {
    log.info(
      { team: p.team, ritual: p.ritual, cron: p.cron, timezone: p.timezone, localTime: p.localTime, next: p.next },
      'ritual scheduled',
    );
  }

  const http = new HttpServer(log.child({ area: 'http' }));
  let runtime: PlatformRuntime | undefined;
  let sandboxApp: SandboxApp | undefined;
  const outboxCounts = createOutboxRepo(store);
  const metrics = createMetrics({
    queued: async () => {
      const counts = await outboxCounts.counts();
      return counts.pending + counts.sending + counts.failed;
    },
  });
  http.onResponse((route, seconds) => {
    if (route === '/slack/events') metrics.observeAck('slack', 'events', seconds);
    else if (route === '/api/messages') metrics.observeAck('teams', 'messages', seconds);
  });
  const metricsEndpoint = createMetricsEndpoint({
    access: config.metrics,
    mode,
    metrics,
    http,
    log: log.child({ area: 'metrics' }),
  });
  registerHealth(http, {
    mode,
    platforms,
    // A dead background thread leaves a process that answers but never schedules nor sends: restart it.
    checkStore: async () => (await store.ping()) && (thread?.alive() ?? true),
  });
  const chartLinks = createChartLinks({ secret: config.chartUrlSecret, publicUrl: config.publicUrl });
  registerChartRoute(http, chartLinks);
  let thread: BackgroundThread | undefined;

  if (sandbox) {
    sandboxApp = composeSandbox({
      store,
      databaseUrl,
      protectedDatabaseUrls: [config.databaseUrl],
      workspace,
      http,
      log: log.child({ area: 'sandbox' }),
    });
  } else {
    const adapters = loadPlatformAdapters(config);
    // A second thread needs a database both threads can open: a file or a PostgreSQL server, not :memory:.
    const shareable = store.path !== undefined || store.dialect === 'postgres';
    if (shareable && (opts.background ?? 'thread') === 'thread') {
      // Its start-up (imports, store, workspace) overlaps this thread's; awaited before startApp returns.
      thread = startBackgroundThread({ config, workspace: current, metrics, chartLinks, log });
    }
    runtime = createPlatformRuntime({
      config,
      store,
      workspace,
      http,
      metrics,
      log,
      chartLinks,
      adapters: await adapters,
      ...(thread ? { role: 'web' as const, background: thread } : {}),
    });
  }
  const core = (runtime?.core ?? sandboxApp?.core)!;
  const background: RunningApp['background'] = thread
    ? { thread: true, runNow: (t, r, now) => thread!.runNow(t, r, now), requestScan: (t) => thread!.requestScan(t) }
    : {
        thread: false,
        runNow: (t, r, now) => core.engine.runNow(t, r, now),
        requestScan: (t) => void core.engine.scanBreaches(t, new Date()).catch(() => undefined),
      };
  registerIngestApi(http, {
    store,
    workspace,
    log: log.child({ area: 'ingest' }),
    metrics,
    // New results may cross an alert threshold: scan the teams they touched now, not tomorrow (in the
    // background thread when there is one: the import's answer does not wait for the scans).
    onChange: async (change) => {
      if (thread) for (const teamId of change.teamIds) thread.requestScan(teamId);
      else for (const teamId of change.teamIds) await core.engine.scanBreaches(teamId, new Date());
    },
  });

  let watcher: ConfigWatcher | undefined;
  if (!current.isExample && config.workspaceConfigPath) {
    watcher = await watchWorkspaceConfig({
      path: config.workspaceConfigPath,
      cacheDir: workspaceCacheDir(config),
      log: log.child({ area: 'config' }),
      // Sync first: occurrences and breaches reference members and objectives, so the store must know
      // them before the new config is used; a failed sync keeps the previous config in force.
      onChange: async (next) => {
        await syncWorkspace(store, next.workspace, { actor: 'config' });
        current = next;
        thread?.reload();
        log.info({ summary: next.summary }, 'workspace reloaded');
      },
    });
  }

  const host = config.host ?? (sandbox ? '127.0.0.1' : '0.0.0.0');
  // The adapters start (Slack's auth.test, Teams' route) before the port opens: once /healthz answers,
  // Slack and Teams requests are served, never refused with a 503 while the adapters finish starting.
  try {
    await runtime?.start();
  } catch (err) {
    await thread?.stop();
    await store.close();
    throw err;
  }
  // The answering code runs once on real data before the first request can arrive (warm-up.ts).
  if (runtime) await warmUp(runtime.core.service, current.workspace, { budgetMs: 120, maxMembers: 2, log });
  const { port } = await http.listen(config.port, host);
  await metricsEndpoint.listen();
  await sandboxApp?.start();
  try {
    await thread?.ready;
  } catch (err) {
    await runtime?.stop();
    await http.close();
    await store.close();
    throw err;
  }
  log.info({ host, port, mode }, `listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);

  let stopped = false;
  return {
    port,
    mode,
    store,
    core,
    background,
    workspace: () => current,
    async stop() {
      if (stopped) return;
      stopped = true;
      // No new requests from here on; those in flight finish (see http.close below).
      http.stopAccepting();
      watcher?.close();
      await runtime?.stop();
      // After the web side: answers given while stopping may still have queued rows or scans.
      await thread?.stop();
      await http.close();
      await metricsEndpoint.close();
      await sandboxApp?.stop();
      await store.close();
      log.info('stopped');
    },
  };
}
