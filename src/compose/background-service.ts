// The background worker thread's work, started by its entry (background-worker.ts; see
// background-thread.ts for why the thread exists): opens the same
// SQLite file as the web thread and runs the platform runtime in its `worker` role, i.e. the node-cron
// scheduler and engine ticks (prompts built for a fan-out, reviews and QBRs with their charts), the
// breach scans the web side asks for, and the outbox sender with the Slack and Teams gateways. The
// web thread's event loop thus only answers requests.
import { parentPort, workerData } from 'node:worker_threads';
import { type LoadedWorkspace, loadWorkspace } from '../config/workspace-load.js';
import { DomainError } from '../core/errors.js';
import { CoalescedScans } from '../core/rituals/engine/coalesced-scans.js';
import { errorInfo } from '../core/rituals/engine/occurrence-runner.js';
import { type ChartLinks, createChartLinks } from '../http/chart-links.js';
import type { Metrics } from '../http/metrics.js';
import { HttpServer } from '../http/server.js';
import { createLogger } from '../logging/logger.js';
import { openStore } from '../store/connection.js';
import type { BackgroundStart, FromBackground, RemoteError, ToBackground } from './background-protocol.js';
import { createPlatformRuntime, loadPlatformAdapters } from './platform-runtime.js';
import type { PriorityResult } from './thread-priority.js';

const port = parentPort!;
const post = (m: FromBackground, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

/** Metrics counted here are replayed by the web thread, which serves /metrics. */
function forwardedMetrics(): Metrics {
  const forward =
    (name: string) =>
    (...args: (string | number)[]) =>
      post({ type: 'metric', name, args });
  return new Proxy({} as Metrics, { get: (_target, name) => forward(String(name)) });
}

/** Chart links signed with the web thread's key; the PNG itself is handed to the web thread's cache. */
function forwardedChartLinks(secret: string, publicUrl: string | undefined): Pick<ChartLinks, 'publish'> {
  // Keeps nothing: the web thread serves the links.
  const local = createChartLinks({ secret, ...(publicUrl ? { publicUrl } : {}), maxEntries: 1 });
  return {
    publish(png, opts) {
      const published = local.publish(png, opts);
      post({ type: 'chart', path: published.path, png: new Uint8Array(png) });
      return published;
    },
  };
}

const remoteError = (err: unknown): RemoteError =>
  err instanceof DomainError
    ? { name: err.name, message: err.message, code: err.code, params: err.params }
    : { name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) };

/** Runs the thread's work until the web thread says stop; `priority` is what its entry set. */
export async function runBackground(priority: PriorityResult): Promise<void> {
  const { config, workspace } = workerData as BackgroundStart;
  const log = createLogger(config.logLevel).child({ thread: 'background' });
  if (priority.error) log.warn({ reason: priority.error }, 'background thread keeps its priority');
  else log.debug({ nice: priority.nice }, 'background thread priority lowered');
  let current: LoadedWorkspace = workspace ?? (await loadWorkspace(config.workspaceConfigPath));
  const store = await openStore(config.databaseUrl, { poolSize: config.databasePoolSize });
  const runtime = createPlatformRuntime({
    config,
    store,
    workspace: () => current.workspace,
    // Never listens: the adapters register their routes on it and lend their gateways.
    http: new HttpServer(log.child({ area: 'http' })),
    metrics: forwardedMetrics(),
    log,
    chartLinks: forwardedChartLinks(config.chartUrlSecret, config.publicUrl) as ChartLinks,
    adapters: await loadPlatformAdapters(config),
    role: 'worker',
  });
  const scans = new CoalescedScans({
    run: (teamId) => runtime.core.engine.scanBreaches(teamId, new Date()),
    // The answer is stored; the daily scan catches up on the breach.
    onError: (teamId, err) => log.error({ team: teamId, err: errorInfo(err) }, 'breach scan after a change failed'),
  });

  let stopping = false;
  port.on('message', (m: ToBackground) => {
    switch (m.type) {
      case 'kick':
        runtime.kick();
        return;
      case 'scan':
        if (!stopping) scans.request(m.teamId);
        return;
      case 'slack-follow-up':
        if (!stopping) void runtime.slack?.followUp(m.job);
        return;
      case 'run':
        runtime.core.engine.runNow(m.teamId, m.ritual, new Date(m.now)).then(
          (value) => post({ type: 'result', id: m.id, ok: true, value }),
          (err: unknown) => post({ type: 'result', id: m.id, ok: false, error: remoteError(err) }),
        );
        return;
      case 'reload':
        loadWorkspace(config.workspaceConfigPath).then(
          (next) => (current = next),
          (err: unknown) =>
            log.error(
              { err: errorInfo(err) },
              'workspace reload failed in the background thread; the previous config stays',
            ),
        );
        return;
      case 'stop':
        if (stopping) return;
        stopping = true;
        void (async () => {
          await scans.settle();
          await runtime.stop();
          await store.close();
          post({ type: 'stopped' });
          port.close();
        })();
        return;
    }
  });
  await runtime.start();
  post({ type: 'ready' });
}

/** Tells the web thread the worker could not start. */
export function reportStartFailure(err: unknown): void {
  post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
