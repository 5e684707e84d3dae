// The one composition root of the ritual core: on a store, builds the core (service + engine), the
// outbox it queues to, the sender that delivers those rows and, when asked, the chart service. Platform
// mode (platform-runtime.ts, in either thread), the sandbox, `rituals simulate`, the benchmarks and the
// tests all build through here; what differs between them is an option: the clock, the logger, who is
// reached on which platform, whether the sender runs its own loop or is drained by its owner, and
// whether another thread owns the background work.
//
// The gateways come last: a platform adapter needs the core's service before it can lend its gateway,
// so they are connected once built (`connect`), and the sender reads them at each delivery.
// buildDelivery is the outbox-and-sender half alone, for what delivers rows without a core.
import { type ChartService, createChartService } from '../charts/chart-service.js';
import type { Workspace } from '../core/domain/model.js';
import type {
  ChartCatalog,
  ChatGateway,
  Clock,
  CoreLogger,
  Destination,
  OutboxPort,
  Platform,
} from '../core/ports/index.js';
import {
  type BackgroundWork,
  createRitualsCore,
  type RitualsCore,
  type RitualsCoreDeps,
} from '../core/rituals/create-core.js';
import type { Metrics } from '../http/metrics.js';
import { nextFire } from '../scheduling/cron.js';
import {
  type ExclusiveSending,
  notifyingOutbox,
  OutboxSender,
  type OutboxSenderOptions,
  type ParkedItem,
} from '../scheduling/outbox-sender.js';
import type { Store } from '../store/connection.js';
import { createLeasesRepo } from '../store/leases.repo.js';
import { createOutboxRepo, type OutboxRepo } from '../store/outbox.repo.js';
import { createAdminAlerts } from './admin-alerts.js';
import { meteredGateway } from './metered-gateway.js';

/** The sender's tuning (concurrency, limits, leases, onParked...); its repo, gateways and clock are the core's. */
export type SenderTuning = Omit<OutboxSenderOptions, 'repo' | 'gateways' | 'clock' | 'log' | 'exclusive'> & {
  readonly log?: CoreLogger;
  /**
   * Send only while holding the store's sender lease, so that replicas sharing a PostgreSQL database stay
   * within the platforms' rate limits together (outbox-sender.ts). Default: on PostgreSQL only.
   */
  readonly exclusive?: boolean | Omit<ExclusiveSending, 'leases'>;
};

export interface BuildCoreOptions {
  readonly store: Store;
  /** Called on every use: a reloaded config takes effect at the next call. */
  readonly workspace: () => Workspace;
  readonly log: CoreLogger;
  /** Which platform reaches a member or a team channel; undefined: unreachable. */
  readonly platformFor: (destination: Destination) => Platform | undefined;
  /** Default: real time. The sandbox, `simulate` and the tests pass a clock they move. */
  readonly clock?: Clock;
  /** Gateways known up front; adapters built on the core's service are connected later (`connect`). */
  readonly gateways?: Partial<Record<Platform, ChatGateway>>;
  /** When set, every connected gateway counts its sends and failures in /metrics. */
  readonly metrics?: Metrics;
  readonly sender?: SenderTuning;
  /** Parked rows (undeliverable) are reported to the team's managers through this same outbox (admin-alerts.ts). */
  readonly adminAlerts?: boolean;
  /**
   * True when the sender runs its own loop (start()/stop(), platform mode): each enqueue wakes it. False
   * (default) when its owner drains it (drainOnce: the sandbox, `simulate`, the tests).
   */
  readonly sendLoop?: boolean;
  /**
   * Another thread owns the background work (runs, scans, sends): the core only answers, hands that work
   * there, and wakes that thread's sender on each enqueue. This thread's sender is then never started.
   */
  readonly background?: BackgroundWork & { kick(): void };
  /**
   * Reviews' charts: `true` builds the chart service on the store (drawn as of the clock's time), or a
   * catalog of the caller's. Without it, monthly reviews and QBRs carry none.
   */
  readonly charts?: true | ChartCatalog;
  /** Wraps the outbox the core writes to (tests inject failures). */
  readonly wrapOutbox?: (outbox: OutboxRepo) => OutboxPort;
  readonly graceMinutes?: RitualsCoreDeps['graceMinutes'];
  readonly breachScanAfterCheckIn?: RitualsCoreDeps['breachScanAfterCheckIn'];
  readonly pause?: RitualsCoreDeps['pause'];
}

export interface BuiltCore {
  readonly core: RitualsCore;
  readonly clock: Clock;
  /** The outbox table itself (counts, claims). */
  readonly outbox: OutboxRepo;
  /** The outbox for rows an adapter queues itself (install welcomes, alerts): wakes this thread's sender. */
  readonly queue: OutboxPort;
  readonly sender: OutboxSender;
  /** The chart service when `charts: true` (adapters upload or link its PNGs). */
  readonly charts?: ChartService;
  /** Lends a platform's gateway to the sender (metered when `metrics` is set). */
  connect(gateway: ChatGateway): void;
}

const realClock: Clock = { now: () => new Date() };

export interface BuildDeliveryOptions {
  readonly store: Store;
  readonly log: CoreLogger;
  readonly clock?: Clock;
  readonly gateways?: Partial<Record<Platform, ChatGateway>>;
  readonly metrics?: Metrics;
  readonly sender?: SenderTuning;
}

/** The delivery half of a core: the outbox, the sender and its gateways (what buildCore's `outbox`, `queue`, `sender`, `connect` are). */
export type Delivery = Pick<BuiltCore, 'clock' | 'outbox' | 'queue' | 'sender' | 'connect'>;

/** The outbox and its sender alone, for what delivers rows without a core (the fan-out benchmark, crash tests). */
export function buildDelivery(opts: BuildDeliveryOptions): Delivery {
  const clock = opts.clock ?? realClock;
  const outbox = createOutboxRepo(opts.store);
  const gateways: Partial<Record<Platform, ChatGateway>> = {};
  const connect = (gateway: ChatGateway) => {
    gateways[gateway.platform] = opts.metrics ? meteredGateway(gateway, opts.metrics) : gateway;
  };
  for (const gateway of Object.values(opts.gateways ?? {})) if (gateway) connect(gateway);
  const { log = opts.log, exclusive = opts.store.dialect === 'postgres', ...tuning } = opts.sender ?? {};
  const sender = new OutboxSender({
    ...tuning,
    repo: outbox,
    gateways,
    clock,
    log,
    ...(exclusive
      ? { exclusive: { ...(exclusive === true ? {} : exclusive), leases: createLeasesRepo(opts.store) } }
      : {}),
  });
  return { clock, outbox, queue: notifyingOutbox(outbox, sender), sender, connect };
}

export function buildCore(opts: BuildCoreOptions): BuiltCore {
  const { store, workspace, log } = opts;
  const senderLog = opts.sender?.log ?? log;
  // The alerts queue through the outbox built with the sender: bound once both exist.
  let alerts: ((item: ParkedItem) => Promise<void>) | undefined;
  const onParked = opts.adminAlerts ? (item: ParkedItem) => alerts!(item) : opts.sender?.onParked;
  const delivery = buildDelivery({
    ...opts,
    sender: { ...opts.sender, log: senderLog, ...(onParked ? { onParked } : {}) },
  });
  const { clock, outbox, sender } = delivery;
  if (opts.adminAlerts)
    alerts = createAdminAlerts({ workspace, outbox, platformFor: opts.platformFor, clock, log: senderLog });
  const charts =
    opts.charts === true
      ? createChartService({
          workspace,
          metricValues: store.metricValues,
          ooo: store.ooo,
          members: store.workspace,
          now: () => clock.now(),
        })
      : undefined;
  const catalog: ChartCatalog | undefined = charts ?? (opts.charts === true ? undefined : opts.charts);
  const written = opts.wrapOutbox ? opts.wrapOutbox(outbox) : outbox;
  const { background } = opts;
  const core = createRitualsCore({
    workspace,
    repos: store,
    outbox: background
      ? notifyingOutbox(written, background)
      : opts.sendLoop
        ? notifyingOutbox(written, sender)
        : written,
    clock,
    log,
    cron: { nextFire },
    platformFor: opts.platformFor,
    ...(catalog ? { charts: catalog } : {}),
    ...(opts.graceMinutes !== undefined ? { graceMinutes: opts.graceMinutes } : {}),
    ...(opts.breachScanAfterCheckIn ? { breachScanAfterCheckIn: opts.breachScanAfterCheckIn } : {}),
    ...(background ? { background } : {}),
    ...(opts.pause ? { pause: opts.pause } : {}),
  });
  return { ...delivery, core, ...(charts ? { charts } : {}) };
}
