// The Teams adapter: POST /api/messages on the one HTTP server, Bot Framework auth (off, loudly, without
// an app id), the turn handler, and the ChatGateway the outbox sends through. Every botbuilder import of
// the project lives under src/teams/.
import type { TeamsConfig } from '../config/env.js';
import type { Workspace } from '../core/domain/model.js';
import type { ChatGateway, Clock, OutboxPort } from '../core/ports/index.js';
import type { RitualsService } from '../core/service.js';
import { type HttpServer, sendJson } from '../http/server.js';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/connection.js';
import { createConversationRefsRepo } from '../store/conversation-refs.repo.js';
import { createOutboxRepo } from '../store/outbox.repo.js';
import { activityProblem } from './activity-shape.js';
import { type BotAdapterOptions, createBotAdapter } from './bot-adapter.js';
import type { TeamsCharts } from './chart-images.js';
import { type ConversationRefs, createConversationRefs } from './conversation-refs.js';
import { createTeamsGateway } from './gateway.js';
import { shimRequest, shimResponse } from './http-shim.js';
import { createIdentityResolver } from './identity.js';
import { createInstallHandler } from './install.js';
import { createTurnHandler } from './turn-handler.js';
import { createCardActions } from './turns/card-actions.js';
import { createReplies } from './turns/reply.js';
import { createWelcomes } from './welcome.js';

export const MESSAGES_PATH = '/api/messages';

export interface TeamsAdapterDeps {
  readonly config: TeamsConfig;
  readonly service: RitualsService;
  readonly workspace: () => Workspace;
  readonly store: Store;
  readonly http: HttpServer;
  readonly log: Logger;
  readonly clock?: Clock;
  readonly bot?: BotAdapterOptions;
  /** Draws review charts for the cards (inline, or linked through ChartLinks on an https PUBLIC_URL). */
  readonly charts?: TeamsCharts;
  /** Where welcomes and the replies the Bot Connector refused for now are queued (default: the store's outbox, polled by the sender). */
  readonly outbox?: OutboxPort;
}

export interface TeamsAdapter {
  readonly gateway: ChatGateway;
  readonly refs: ConversationRefs;
  /** Registers POST /api/messages. */
  start(): Promise<void>;
  /** Refuses new activities (503) and waits for the turns in progress. */
  stop(): Promise<void>;
}

export function createTeamsAdapter(deps: TeamsAdapterDeps): TeamsAdapter {
  const log = deps.log.child({ area: 'teams' });
  const clock = deps.clock ?? { now: () => new Date() };
  const bot = createBotAdapter(deps.config, deps.bot);
  const refs = createConversationRefs(createConversationRefsRepo(deps.store));
  const identity = createIdentityResolver({ service: deps.service, refs, workspace: deps.store.workspace, log });

  const gateway = createTeamsGateway({
    bot,
    refs,
    workspace: deps.workspace,
    clock,
    log,
    ...(deps.charts ? { charts: deps.charts } : {}),
  });
  const outbox = deps.outbox ?? createOutboxRepo(deps.store);
  const replies = createReplies({ outbox, refs, clock, log });
  const welcomes = createWelcomes({ service: deps.service, outbox, replies, clock, log });
  const install = createInstallHandler({ refs, identity, workspace: deps.workspace, clock, log, welcomes });
  const cards = createCardActions({ service: deps.service, replies, log });
  const onTurn = createTurnHandler({ service: deps.service, identity, install, cards, replies, log });

  let started = false;
  let stopping = false;
  const inFlight = new Set<Promise<void>>();

  return {
    gateway,
    refs,
    async start() {
      if (started) return;
      started = true;
      if (bot.authEnabled) {
        log.info({ appType: deps.config.appType }, 'teams: Bot Framework authentication on');
      } else {
        log.warn(
          'teams: MICROSOFT_APP_ID is not set: Bot Framework authentication is OFF and anyone who can reach /api/messages can act as any user. Local development only; never expose this.',
        );
      }
      deps.http.add({
        method: 'POST',
        path: MESSAGES_PATH,
        handler: async (req, res) => {
          if (stopping) return sendJson(res, 503, { error: 'shutting down' });
          // Cheap refusal before reading the body: with auth on, a request without a token never gets further.
          if (bot.authEnabled && !req.headers.authorization) {
            log.warn({ reason: 'no token' }, 'teams: unauthenticated request refused');
            return sendJson(res, 401, { error: 'unauthorized' });
          }
          const shimReq = await shimRequest(req);
          const auth = await bot.authenticate(shimReq.body as never, String(req.headers.authorization ?? ''));
          if (!auth.ok) {
            log.warn({ reason: auth.reason }, 'teams: unauthenticated request refused');
            return sendJson(res, 401, { error: 'unauthorized' });
          }
          const problem = activityProblem(shimReq.body);
          if (problem) {
            log.warn({ reason: problem.slice(0, 200) }, 'teams: malformed activity refused');
            return sendJson(res, 400, { error: 'malformed activity' });
          }
          const turn = bot.adapter.process(shimReq as never, shimResponse(res) as never, onTurn);
          inFlight.add(turn);
          try {
            await turn;
          } finally {
            inFlight.delete(turn);
          }
        },
      });
    },
    async stop() {
      stopping = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}
