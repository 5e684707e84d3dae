// The web thread's handle on the background worker thread (background-worker.ts). Why a thread: the
// work that is not an answer (building 5,000 personalised prompts, a month of values for a review,
// rendering its charts with Vega and resvg) is CPU-bound JavaScript; on the thread that answers Slack
// and Teams it held answers for seconds. A worker thread gets its own event loop (and core) while
// staying one process to deploy, stop and supervise; both threads open the same SQLite file (WAL,
// busy timeout, short write transactions) and talk through the messages of background-protocol.ts.
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { AppConfig } from '../config/env.js';
import type { RitualId } from '../core/domain/model.js';
import { DomainError } from '../core/errors.js';
import type { BackgroundWork, OnDemandRun } from '../core/rituals/create-core.js';
import type { ChartLinks } from '../http/chart-links.js';
import type { Metrics } from '../http/metrics.js';
import type { Logger } from '../logging/logger.js';
import type { CheckInFollowUp } from '../slack/check-in-follow-up.js';
import type { BackgroundStart, FromBackground, RemoteError, ToBackground } from './background-protocol.js';

export interface BackgroundThread extends BackgroundWork {
  /** Resolves once the worker runs (scheduler and sender started); rejects if it could not start. */
  readonly ready: Promise<void>;
  kick(): void;
  /** The work after a Slack check-in's ack (confirmation, Home tab), done over there. */
  slackFollowUp(job: CheckInFollowUp): void;
  /** The workspace file changed (and is synced): the worker reads it again. */
  reload(): void;
  /** False once the worker has died: /healthz then reports the process as unusable. */
  alive(): boolean;
  /** Stops the scheduler, finishes or releases the claimed outbox rows, ends the thread. */
  stop(): Promise<void>;
}

/** The config both threads use: a chart link key made once here when CHART_URL_SECRET is not set. */
export function sharedConfig(config: AppConfig): BackgroundStart['config'] {
  return { ...config, chartUrlSecret: config.chartUrlSecret ?? randomBytes(32).toString('hex') };
}

/** Compiled: dist/compose/background-worker.js; from source (tsx, tests): through background-bootstrap.mjs. */
function workerEntry(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './background-bootstrap.mjs' : './background-worker.js', import.meta.url);
}

/** How long the worker may take to end once its store is closed before it is terminated. */
const EXIT_GRACE_MS = 1_000;

const fromRemote = (e: RemoteError): Error => {
  const err = e.code !== undefined ? new DomainError(e.code, e.message, e.params ?? {}) : new Error(e.message);
  err.name = e.name;
  return err;
};

/**
 * Starts the worker and returns at once: messages sent before it is ready wait in its port, so this
 * thread can open its HTTP server while the worker loads (await `ready` before calling the app started).
 */
export function startBackgroundThread(opts: {
  readonly config: BackgroundStart['config'];
  /** The workspace as this thread read it: the worker starts from it instead of reading the file again. */
  readonly workspace?: BackgroundStart['workspace'];
  readonly metrics: Metrics;
  readonly chartLinks: ChartLinks;
  readonly log: Logger;
}): BackgroundThread {
  const { log } = opts;
  const entry = workerEntry();
  const workerData: BackgroundStart = { config: opts.config, ...(opts.workspace ? { workspace: opts.workspace } : {}) };
  const worker = new Worker(entry, { workerData });
  const pending = new Map<number, { resolve(v: OnDemandRun): void; reject(e: Error): void }>();
  let nextId = 1;
  let running = true;
  let stopping = false;
  let onStopped: (() => void) | undefined;
  const send = (m: ToBackground) => {
    if (running) worker.postMessage(m);
  };

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromBackground) => {
      switch (m.type) {
        case 'ready':
          resolve();
          return;
        case 'failed':
          reject(new Error(`background thread failed to start: ${m.message}`));
          return;
        case 'result': {
          const p = pending.get(m.id);
          pending.delete(m.id);
          if (m.ok) p?.resolve(m.value);
          else p?.reject(fromRemote(m.error));
          return;
        }
        case 'metric': {
          const fn = (opts.metrics as unknown as Record<string, unknown>)[m.name];
          if (typeof fn === 'function') (fn as (...a: unknown[]) => void).apply(opts.metrics, [...m.args]);
          return;
        }
        case 'chart':
          opts.chartLinks.adopt(m.path, Buffer.from(m.png.buffer, m.png.byteOffset, m.png.byteLength));
          return;
        case 'stopped':
          onStopped?.();
          return;
      }
    });
    worker.on('error', (err) => {
      log.error({ err: { name: err.name, message: err.message, stack: err.stack } }, 'background thread crashed');
      reject(err);
    });
    worker.on('exit', (code) => {
      running = false;
      for (const p of pending.values()) p.reject(new Error('the background thread has stopped'));
      pending.clear();
      onStopped?.();
      if (!stopping)
        log.fatal({ code }, 'background thread exited: nothing is scheduled or sent any more; /healthz reports 503');
      reject(new Error(`background thread exited with ${code} before it was ready`));
    });
  });
  const started = ready.catch(async (err: unknown) => {
    await worker.terminate();
    throw err;
  });
  // Observed by whoever awaits `ready`; never an unhandled rejection meanwhile.
  started.catch(() => undefined);

  return {
    ready: started,
    kick: () => send({ type: 'kick' }),
    requestScan: (teamId) => send({ type: 'scan', teamId }),
    slackFollowUp: (job) => send({ type: 'slack-follow-up', job }),
    reload: () => send({ type: 'reload' }),
    alive: () => running,
    runNow(teamId: string, ritual: RitualId, now: Date) {
      if (!running) return Promise.reject(new Error('the background thread has stopped'));
      const id = nextId++;
      return new Promise<OnDemandRun>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        send({ type: 'run', id, teamId, ritual, now: now.toISOString() });
      });
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      if (!running) return;
      // The worker releases its claims and closes its store, then the thread ends on its own; a handle
      // some library left open (a keep-alive socket, a timer) must not hold the stop, so it is ended.
      const done = new Promise<void>((resolve) => (onStopped = resolve));
      send({ type: 'stop' });
      await done;
      if (!running) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      const timer = setTimeout(() => void worker.terminate(), EXIT_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
