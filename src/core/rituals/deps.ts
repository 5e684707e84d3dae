// What the ritual core is built from (createRitualsCore's argument) and the context every use case
// receives: the workspace read fresh on each call (hot reload), repositories, outbox, clock and logger.
import type { RitualId, Workspace } from '../domain/model.js';
import type {
  ChartCatalog,
  Clock,
  CoreLogger,
  CronPort,
  Destination,
  OutboxPort,
  Platform,
  Repositories,
  RitualRepositories,
} from '../ports/index.js';
import type { OnDemandRun } from './engine/engine.js';
import type { RitualMetrics } from './metrics.js';
import type { EffectiveWorkspaces } from './queries/effective-workspace.js';
import type { ReportMemo } from './queries/report-memo.js';

export interface RitualsCoreDeps {
  /** Called on every use: a reloaded config takes effect at the next call. */
  readonly workspace: () => Workspace;
  readonly repos: Repositories & RitualRepositories;
  readonly outbox: OutboxPort;
  readonly clock: Clock;
  readonly log: CoreLogger;
  /** Cron arithmetic (src/scheduling/cron.ts's nextFire). */
  readonly cron: CronPort;
  /** Which platform reaches a member or a team channel; undefined: unreachable (skipped and counted). */
  readonly platformFor: (destination: Destination) => Platform | undefined;
  /** Fires at most this many minutes old are caught up after downtime; older ones are marked missed. Default 120. */
  readonly graceMinutes?: number;
  /** How far back a tick looks after a long downtime (older fires leave no row). Default 31 days. */
  readonly maxLookbackMinutes?: number;
  /** Lists a review's charts (src/charts); without it, monthly reviews and QBRs carry none. */
  readonly charts?: ChartCatalog;
  /**
   * The breach scan a check-in triggers: `inline` (default) before submitCheckIn resolves; `deferred`
   * after it, coalesced per team within `windowMs` (a chat platform waits for the answer; the scan only
   * queues nudges). With `deferred`, call the core's settle() before closing the store.
   */
  readonly breachScanAfterCheckIn?: 'inline' | { readonly deferred: { readonly windowMs?: number } };
  /**
   * Another thread or process that owns the background work (engine ticks, sends). When set, the work an
   * answer starts goes there and this core only answers: a manager's "run" and the breach scan after a
   * check-in (then `breachScanAfterCheckIn` is not used).
   */
  readonly background?: BackgroundWork;
  /**
   * How long work (a fan-out's prompts) pauses between slices: by default it yields to the event loop;
   * the background thread passes a pause that keeps the work to a share of a core.
   */
  readonly pause?: () => Promise<void>;
}

/** The background owner as the answering side sees it (see src/compose/background-thread.ts). */
export interface BackgroundWork {
  /** As RitualEngine.runNow, over there: its DomainError (RUN.UNKNOWN_TEAM) comes back as one. */
  runNow(teamId: string, ritual: RitualId, now: Date): Promise<OnDemandRun>;
  /** Asks for a breach scan of the team soon; returns at once (the scan is coalesced over there). */
  requestScan(teamId: string): void;
}

export interface CoreContext {
  readonly repos: Repositories & RitualRepositories;
  readonly outbox: OutboxPort;
  readonly clock: Clock;
  readonly log: CoreLogger;
  readonly cron: CronPort;
  readonly platformFor: (destination: Destination) => Platform | undefined;
  readonly metrics: RitualMetrics;
  readonly graceMinutes: number;
  readonly maxLookbackMinutes: number;
  readonly charts?: ChartCatalog;
  /** The effective workspace (config + targets changed in chat), kept while the store's version holds. */
  readonly targets?: EffectiveWorkspaces;
  /** Between slices of long work (see RitualsCoreDeps.pause). */
  readonly pause?: () => Promise<void>;
  /** This call's or operation's reports (see report-memo.ts); absent, each use builds its own. */
  readonly memo?: ReportMemo;
  workspace(): Workspace;
}

export const DEFAULT_GRACE_MINUTES = 120;
export const DEFAULT_MAX_LOOKBACK_MINUTES = 31 * 24 * 60;
