// The Slack adapter: a Bolt App on our HTTP server (POST /slack/events, signature always verified) or
// on Socket Mode when SLACK_APP_TOKEN is set; listeners for the slash command, buttons, modals, App
// Home, reactions and DMs; and the ChatGateway the outbox sends through. Events are deduplicated by
// event_id across Slack's retries, in memory and in the store's processed keys so that a retry landing
// on another replica is dropped too (dedupe.ts). With SLACK_CLIENT_ID/SECRET/STATE_SECRET it is installed per workspace
// through OAuth v2 (oauth.ts): each request and each message uses its workspace's bot token. The only
// place (with its folder) that imports Bolt.
import { App, type Receiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { SlackConfig } from '../config/env.js';
import type { Workspace } from '../core/domain/model.js';
import type { ChatGateway } from '../core/ports/index.js';
import type { RitualsService } from '../core/service.js';
import type { HttpServer } from '../http/server.js';
import type { ProcessedKeysRepo } from '../store/processed-keys.repo.js';
import type { SlackInstallationsRepo } from '../store/slack-installations.repo.js';
import { BoundedCache } from './bounded-cache.js';
import type { SlackChartSource } from './chart-uploads.js';
import { type CheckInFollowUp, runCheckInFollowUp } from './check-in-follow-up.js';
import { apiBaseUrl, gatewayClientOptions, listenerClientOptions } from './client-options.js';
import type { SlackContext } from './context.js';
import { createSlackDedupe } from './dedupe.js';
import { SlackDirectory } from './directory.js';
import { createSlackGateway } from './gateway.js';
import { SlackHttpReceiver } from './http-receiver.js';
import { registerActions } from './listeners/actions.js';
import { registerCommands } from './listeners/commands.js';
import { registerEvents } from './listeners/events.js';
import { registerMentions } from './listeners/mentions.js';
import { registerShortcuts } from './listeners/shortcuts.js';
import { registerUninstall, type UninstallDeps } from './listeners/uninstall.js';
import { registerViews } from './listeners/views.js';
import { boltLogger, errorFields, type SlackLog } from './log.js';
import { createInstaller } from './oauth.js';
import { withRequestAuth } from './request-auth.js';
import { seedInstallationFromToken } from './seed-installation.js';
import { installedTokens, singleToken } from './workspace-tokens.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAdapterDeps {
  readonly config: SlackConfig;
  readonly service: RitualsService;
  /** The current workspace config (member ids -> Slack ids and emails, team channels). */
  readonly workspace: () => Workspace;
  /** The process's HTTP server; required in HTTP mode (no SLACK_APP_TOKEN). */
  readonly http?: HttpServer;
  readonly log: SlackLog;
  /** For tests of the signature window; defaults to Date.now. */
  readonly now?: () => number;
  /** Draws review charts, uploaded into the review message's thread (needs the files:write scope). */
  readonly charts?: SlackChartSource;
  /** The installations of the multi-workspace install (required with `config.oauth`). */
  readonly installations?: SlackInstallationsRepo;
  /** https base URL of the bot, for the OAuth redirect URL. */
  readonly publicUrl?: string;
  /** A workspace uninstalled the app (or revoked its token): its installation is already deleted. */
  readonly onUninstalled?: UninstallDeps['onUninstalled'];
  /** Event ids and submissions already handled, shared by the replicas on one database; memory only without. */
  readonly processedKeys?: ProcessedKeysRepo;
  /** Where the work after a check-in's ack goes (the background thread); absent, it runs after the ack. */
  readonly followUps?: (job: CheckInFollowUp) => void;
}

export interface SlackAdapter {
  readonly mode: 'http' | 'socket';
  readonly gateway: ChatGateway;
  /** Runs a check-in's follow-up handed over by the thread that answered it (never throws). */
  followUp(job: CheckInFollowUp): Promise<void>;
  /** Verifies the token (auth.test), then accepts requests (HTTP) or connects (Socket Mode). */
  start(): Promise<void>;
  /** Refuses new requests (503) or disconnects, then waits for the work in progress. */
  stop(): Promise<void>;
}

export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const { config, log } = deps;
  const mode = config.appToken ? 'socket' : 'http';
  if (config.oauth && mode === 'socket')
    throw new Error('the multi-workspace install (SLACK_CLIENT_ID) needs HTTP mode: unset SLACK_APP_TOKEN');
  if (config.oauth && !deps.installations) throw new Error('the multi-workspace install needs the installation store');
  const oauth =
    config.oauth && deps.installations
      ? createInstaller({
          ...config.oauth,
          installations: deps.installations,
          apiUrl: config.apiUrl,
          publicUrl: deps.publicUrl,
          log,
        })
      : undefined;
  const tokens = oauth ? installedTokens(deps.installations!) : singleToken(config.botToken);
  const gatewayClient = new webApi.WebClient(oauth ? undefined : config.botToken, {
    ...gatewayClientOptions(config.apiUrl),
    logger: boltLogger(log),
  });
  const directory = new SlackDirectory(gatewayClient, deps.workspace, tokens);
  const dedupe = createSlackDedupe({ keys: deps.processedKeys, log, ...(deps.now ? { now: deps.now } : {}) });
  const ctx: SlackContext = {
    service: deps.service,
    directory,
    log,
    dedupe,
    ...(deps.followUps ? { followUps: deps.followUps } : {}),
  };

  let httpReceiver: SlackHttpReceiver | undefined;
  let receiver: Receiver;
  if (mode === 'socket') {
    // Socket Mode's apps.connections.open goes through installerOptions.clientOptions: same API base URL.
    const slackApiUrl = apiBaseUrl(config.apiUrl);
    receiver = new SocketModeReceiver({
      appToken: config.appToken!,
      logger: boltLogger(log),
      installerOptions: { clientOptions: slackApiUrl ? { slackApiUrl } : {} },
    });
  } else {
    if (!config.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required for Slack in HTTP mode');
    if (!deps.http) throw new Error('the Slack adapter needs the HTTP server in HTTP mode');
    httpReceiver = new SlackHttpReceiver({ signingSecret: config.signingSecret, log, now: deps.now });
    receiver = httpReceiver;
  }

  const app = new App({
    // One bot token, or each request authorized by its workspace's installation.
    ...(oauth ? { authorize: (source) => oauth.installer.authorize(source) } : { token: config.botToken }),
    receiver,
    logger: boltLogger(log),
    clientOptions: listenerClientOptions(config.apiUrl),
    // auth.test runs in start(), not in the constructor: creating the adapter makes no network call.
    deferInitialization: true,
    convoStore: false,
  });

  // Slack retries an event it thinks we missed (X-Slack-Retry-Num), possibly onto another replica: each
  // event_id is handled once by all the processes sharing the store. A new event costs one INSERT.
  // Listeners run inside this middleware, work after the ack included: stop() waits for them.
  const inFlight = new Set<Promise<void>>();
  app.use(async ({ body, context, next }) => {
    const b = body as { type?: string; event_id?: string };
    if (b.type === 'event_callback' && typeof b.event_id === 'string' && !(await dedupe.firstDelivery(b.event_id))) {
      log.debug({ eventId: b.event_id }, 'duplicate slack event ignored');
      return;
    }
    // Everything the listeners call (the directory included) uses this request's workspace token.
    const work = withRequestAuth({ token: context.botToken, teamId: context.teamId }, () => next());
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });

  registerCommands(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerEvents(app, ctx);
  registerMentions(app, ctx);
  registerShortcuts(app, ctx);
  if (oauth) registerUninstall(app, ctx, { installations: deps.installations!, onUninstalled: deps.onUninstalled });
  app.error(async (err) => {
    log.error({ err: errorFields(err) }, 'slack listener failed');
  });

  let ready = false;
  if (httpReceiver) {
    const r = httpReceiver;
    oauth?.mount(deps.http!);
    deps.http!.add({
      method: 'POST',
      path: SLACK_EVENTS_PATH,
      handler: async (req, res) => {
        // Until auth.test has passed, Bolt cannot authorize a request: ask Slack to come back.
        if (!ready) {
          res.writeHead(503).end();
          return;
        }
        await r.handle(req, res);
      },
    });
  }

  // Follow-ups handed over by the answering thread: a listener's client per workspace token.
  const followUpClients = new BoundedCache<string, webApi.WebClient>(100, 24 * 3_600_000);
  const followUpClient = (token: string): webApi.WebClient => {
    const kept = followUpClients.get(token);
    if (kept) return kept;
    const client = new webApi.WebClient(token, { ...listenerClientOptions(config.apiUrl), logger: boltLogger(log) });
    followUpClients.set(token, client);
    return client;
  };
  const followUp = async (job: CheckInFollowUp): Promise<void> => {
    try {
      const token = await tokens.tokenFor(job.slackTeamId);
      if (!token) {
        log.warn({ slackTeam: job.slackTeamId }, 'check-in follow-up skipped: no installation for the workspace');
        return;
      }
      await withRequestAuth({ token, ...(job.slackTeamId ? { teamId: job.slackTeamId } : {}) }, () =>
        runCheckInFollowUp(ctx, followUpClient(token), job),
      );
    } catch (err) {
      log.warn({ err: errorFields(err) }, 'check-in follow-up failed');
    }
  };

  return {
    mode,
    followUp(job) {
      const work = followUp(job);
      inFlight.add(work);
      return work.finally(() => inFlight.delete(work));
    },
    gateway: createSlackGateway({
      client: gatewayClient,
      directory,
      log,
      ...(deps.charts ? { charts: deps.charts } : {}),
    }),
    async start() {
      // SLACK_BOT_TOKEN next to the multi-workspace install keeps serving its own workspace.
      if (oauth && config.botToken) {
        await seedInstallationFromToken({
          client: gatewayClient,
          token: config.botToken,
          repo: deps.installations!,
          log,
          now: () => new Date(),
        });
      }
      await app.init();
      await app.start();
      ready = true;
      log.info({ mode }, 'slack adapter started');
    },
    async stop() {
      ready = false;
      await app.stop();
      await Promise.allSettled([...inFlight]);
      await dedupe.idle();
      log.info({ mode }, 'slack adapter stopped');
    },
  };
}
