// Builds the ritual core from its ports: the durable engine the scheduler ticks and the RitualsService
// the adapters call. The composition root passes the store's repositories, the outbox, the clock, a
// logger, node-cron's matcher and which platform reaches whom.
import type { RitualId } from '../domain/model.js';
import type { RitualsService } from '../service.js';
import { type CoreContext, DEFAULT_GRACE_MINUTES, DEFAULT_MAX_LOOKBACK_MINUTES, type RitualsCoreDeps } from './deps.js';
import { CoalescedScans } from './engine/coalesced-scans.js';
import { createEngine, type RitualEngine } from './engine/engine.js';
import { errorInfo } from './engine/occurrence-runner.js';
import { RitualMetrics } from './metrics.js';
import { EffectiveWorkspaces } from './queries/effective-workspace.js';
import { createService } from './service-impl.js';

export type { BackgroundWork, RitualsCoreDeps } from './deps.js';
export type { OnDemandRun, RitualEngine, RunSummary, TickSummary } from './engine/engine.js';
export type { CounterSample } from './metrics.js';

export interface RitualsCore {
  readonly service: RitualsService;
  readonly engine: RitualEngine;
  /** Resolves once the work started after answers (deferred breach scans) is done. */
  settle(): Promise<void>;
}

export function createRitualsCore(deps: RitualsCoreDeps): RitualsCore {
  const ctx: CoreContext = {
    repos: deps.repos,
    outbox: deps.outbox,
    clock: deps.clock,
    log: deps.log,
    cron: deps.cron,
    platformFor: deps.platformFor,
    metrics: new RitualMetrics(),
    graceMinutes: deps.graceMinutes ?? DEFAULT_GRACE_MINUTES,
    maxLookbackMinutes: deps.maxLookbackMinutes ?? DEFAULT_MAX_LOOKBACK_MINUTES,
    workspace: deps.workspace,
    targets: new EffectiveWorkspaces(deps.repos.objectives),
    ...(deps.charts ? { charts: deps.charts } : {}),
    ...(deps.pause ? { pause: deps.pause } : {}),
  };
  const engine = createEngine(ctx);
  const background = deps.background;
  if (background) {
    const afterCheckIn = {
      scanBreaches: async (teamId: string) => {
        background.requestScan(teamId);
        return { sent: 0, entered: 0, left: 0, unreachable: 0 };
      },
    };
    const runs = { runNow: (teamId: string, ritual: RitualId, now: Date) => background.runNow(teamId, ritual, now) };
    return { engine, service: createService(ctx, runs, afterCheckIn), settle: async () => undefined };
  }
  const mode = deps.breachScanAfterCheckIn ?? 'inline';
  if (mode === 'inline') return { engine, service: createService(ctx, engine, engine), settle: async () => undefined };
  const scans = new CoalescedScans({
    run: (teamId) => engine.scanBreaches(teamId, ctx.clock.now()),
    // The answer is stored; the daily scan catches up on the breach.
    onError: (teamId, err) => ctx.log.error({ team: teamId, err: errorInfo(err) }, 'breach scan after check-in failed'),
    windowMs: mode.deferred.windowMs,
  });
  const afterCheckIn = {
    scanBreaches: async (teamId: string) => {
      scans.request(teamId);
      return { sent: 0, entered: 0, left: 0, unreachable: 0 };
    },
  };
  return { engine, service: createService(ctx, engine, afterCheckIn), settle: () => scans.settle() };
}
