// Platform mode: the ritual core and outbox sender (built by build-core.ts), the Slack and Teams adapters
// lending the sender their gateways, and the node-cron scheduler (one runner per fire across processes). app.ts builds it when Slack or
// Teams credentials are set, in one of three roles:
//   all:    everything in this thread (an in-memory database, tests);
//   web:    answers only: the adapters on the HTTP server and a core whose background work (runs, scans,
//           sends) goes to `background` (the worker thread, see background-thread.ts);
//   worker: background only: scheduler, engine, outbox sender; the adapters are built for their gateways
//           and never listen.
import type { AppConfig } from '../config/env.js';
import type { Workspace } from '../core/domain/model.js';
import type { Destination, Platform } from '../core/ports/index.js';
import type { BackgroundWork, RitualsCore } from '../core/rituals/create-core.js';
import { findMember } from '../core/rituals/queries/team-lookup.js';
import { applyRetention } from '../core/rituals/use-cases/apply-retention.js';
import type { ChartLinks } from '../http/chart-links.js';
import type { Metrics } from '../http/metrics.js';
import type { HttpServer } from '../http/server.js';
import type { Logger } from '../logging/logger.js';
import { dutyCycle } from '../scheduling/duty-cycle.js';
import { createRetentionJob } from '../scheduling/retention-job.js';
import { createRunCoordinator } from '../scheduling/run-coordinator.js';
import { createScheduler, type Scheduler } from '../scheduling/scheduler.js';
import type { createSlackAdapter, SlackAdapter } from '../slack/adapter.js';
import type { CheckInFollowUp } from '../slack/check-in-follow-up.js';
import { slackCanReach } from '../slack/directory.js';
import type { Store } from '../store/connection.js';
import { createLeasesRepo } from '../store/leases.repo.js';
import type { OutboxRepo } from '../store/outbox.repo.js';
import { createProcessedKeysRepo } from '../store/processed-keys.repo.js';
import { createSlackInstallationsRepo } from '../store/slack-installations.repo.js';
import type { createTeamsAdapter, TeamsAdapter } from '../teams/adapter.js';
import { teamsCanReach } from '../teams/reach.js';
import { buildCore } from './build-core.js';
import { createUninstallAlerts } from './uninstall-alerts.js';

export interface PlatformRuntime {
  readonly core: RitualsCore;
  readonly outbox: OutboxRepo;
  readonly slack?: SlackAdapter;
  readonly teams?: TeamsAdapter;
  /** Starts adapters (after the HTTP server listens), the sender and the scheduler. */
  start(): Promise<void>;
  /** Wakes the sender: rows were queued by the other thread (no-op in the web role). */
  kick(): void;
  stop(): Promise<void>;
}

export type RuntimeRole = 'all' | 'web' | 'worker';

/** Share of a core the background thread's long work (building a fan-out) may use. */
export const BACKGROUND_CPU_SHARE = 0.25;

export interface PlatformAdapters {
  readonly createSlackAdapter?: typeof createSlackAdapter;
  readonly createTeamsAdapter?: typeof createTeamsAdapter;
}

/**
 * Loads the adapters of the configured platforms only: Bolt and botbuilder take about a quarter and a
 * third of a second to import, which a Slack-only or Teams-only bot need not pay at start.
 */
export async function loadPlatformAdapters(config: Pick<AppConfig, 'slack' | 'teams'>): Promise<PlatformAdapters> {
  return {
    ...(config.slack ? { createSlackAdapter: (await import('../slack/adapter.js')).createSlackAdapter } : {}),
    ...(config.teams ? { createTeamsAdapter: (await import('../teams/adapter.js')).createTeamsAdapter } : {}),
  };
}

export function createPlatformRuntime(deps: {
  readonly config: AppConfig;
  readonly store: Store;
  readonly workspace: () => Workspace;
  readonly http: HttpServer;
  readonly metrics: Metrics;
  readonly log: Logger;
  /** Signed links to chart PNGs too big for a Teams card (served by the HTTP server's /charts route). */
  readonly chartLinks?: ChartLinks;
  /** The adapters of the configured platforms (see loadPlatformAdapters). */
  readonly adapters: PlatformAdapters;
  /** Default `all`; `web` needs `background`. */
  readonly role?: RuntimeRole;
  /** Where a `web` runtime hands its background work, and how it wakes the other side's sender. */
  readonly background?: BackgroundWork & { kick(): void; slackFollowUp?(job: CheckInFollowUp): void };
}): PlatformRuntime {
  const { config, store, workspace, http, metrics, log } = deps;
  const role = deps.role ?? 'all';
  const background = role === 'web' ? deps.background : undefined;
  if (role === 'web' && !background) throw new Error('a web runtime needs the background thread');
  // Slack first when a member is reachable on both: one workspace usually runs on one platform.
  const platformFor = (d: Destination): Platform | undefined => {
    const ws = workspace();
    if (config.slack && slackCanReach(ws, d)) return 'slack';
    if (config.teams && teamsCanReach(ws, d)) return 'teams';
    return undefined;
  };
  const backgroundHere = role !== 'web';
  // Reviews list their charts (core), Slack uploads them into the review's thread, Teams puts them on the card.
  const built = buildCore({
    store,
    workspace,
    log: log.child({ area: 'core' }),
    platformFor,
    metrics,
    charts: true,
    // Started below on the thread that does the background work; a web runtime's is never started.
    sendLoop: backgroundHere,
    sender: { log: log.child({ area: 'outbox' }) },
    adminAlerts: true,
    // Slack and Teams wait for the answer to a check-in: the breach scan it triggers runs after it.
    breachScanAfterCheckIn: { deferred: {} },
    ...(background ? { background } : {}),
    // In the background thread a fan-out is built at a quarter of a core at most: see duty-cycle.ts.
    ...(role === 'worker' ? { pause: dutyCycle({ share: BACKGROUND_CPU_SHARE }) } : {}),
  });
  const { core, clock, outbox, queue } = built;
  const charts = built.charts!;

  const { createSlackAdapter, createTeamsAdapter } = deps.adapters;
  const slack =
    config.slack && createSlackAdapter
      ? createSlackAdapter({
          config: config.slack,
          service: core.service,
          workspace,
          http,
          log: log.child({ area: 'slack' }),
          charts,
          // Event ids and submissions already handled, shared with the other replicas on the database.
          processedKeys: createProcessedKeysRepo(store),
          // A check-in's confirmation and Home tab: sent by the background thread, not the one that answers.
          ...(background?.slackFollowUp ? { followUps: background.slackFollowUp } : {}),
          // The multi-workspace install keeps its installations (bot tokens) in the database.
          ...(config.slack.oauth
            ? {
                installations: createSlackInstallationsRepo(store),
                publicUrl: config.publicUrl,
                onUninstalled: createUninstallAlerts({
                  workspace,
                  outbox: queue,
                  // Teams, or Slack when the manager lives in another workspace than the one that left.
                  reachOtherThanSlackWorkspace: (d, gone) => {
                    const ws = workspace();
                    if (config.teams && teamsCanReach(ws, d)) return 'teams';
                    const own = d.kind === 'dm' ? findMember(ws, d.memberId)?.member.ids.slackTeam : undefined;
                    return gone && own && own !== gone && slackCanReach(ws, d) ? 'slack' : undefined;
                  },
                  installUrl: config.publicUrl ? new URL('/slack/install', config.publicUrl).href : '/slack/install',
                  clock,
                  log: log.child({ area: 'slack' }),
                }),
              }
            : {}),
        })
      : undefined;
  const teams =
    config.teams && createTeamsAdapter
      ? createTeamsAdapter({
          config: config.teams,
          service: core.service,
          workspace,
          store,
          http,
          log,
          outbox: queue,
          charts: { png: charts.png, ...(deps.chartLinks ? { links: deps.chartLinks } : {}) },
        })
      : undefined;
  if (slack) built.connect(slack.gateway);
  if (teams) built.connect(teams.gateway);
  const sender = backgroundHere ? built.sender : undefined;
  const coordinator = createRunCoordinator({
    leases: createLeasesRepo(store),
    clock,
    log: log.child({ area: 'scheduler' }),
  });
  const scheduler: Scheduler | undefined = !backgroundHere
    ? undefined
    : createScheduler({
        tick: async (now) => {
          const summary = await core.engine.tick(now);
          for (const run of summary.runs) metrics.ritualRun(run.ritual, run.team);
          return summary;
        },
        clock,
        log: log.child({ area: 'scheduler' }),
        coordinator,
      });
  // Once a day: the retention settings of the workspace file (logged with counts).
  const retentionLog = log.child({ area: 'retention' });
  // Background work like the scheduler: on the thread that runs it.
  const retention = !backgroundHere
    ? undefined
    : createRetentionJob({
        apply: (now) => applyRetention({ workspace, retention: store.retention, log: retentionLog }, now),
        clock,
        log: retentionLog,
        coordinator,
      });

  return {
    core,
    outbox,
    slack,
    teams,
    kick: () => sender?.kick(),
    async start() {
      // A worker's adapters only lend their gateways: the web side takes the requests.
      if (role !== 'worker') {
        await slack?.start();
        await teams?.start();
      }
      sender?.start();
      await scheduler?.start();
      await retention?.start();
    },
    async stop() {
      await retention?.stop();
      await scheduler?.stop();
      if (role !== 'worker') {
        await slack?.stop();
        await teams?.stop();
      }
      // Scans requested by the last answers queue their nudges before the sender stops.
      await core.settle();
      await sender?.stop();
    },
  };
}
