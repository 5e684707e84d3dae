// One bot turn: who is talking, remember their conversation, then route the activity (typed command,
// card button, install / uninstall, reaction). The one catch-all of the Teams adapter: an unexpected
// failure is logged by id and answered with a short apology in the member's configured language (the
// activity's locale only for someone the config does not know). A Bot Connector that refuses for now
// gets no apology: the reply is queued in the outbox (see turns/reply.ts), or the log line is all.
import type { TurnContext } from 'botbuilder';
import { t } from '../core/i18n/index.js';
import type { RitualsService } from '../core/service.js';
import type { Logger } from '../logging/logger.js';
import { turnConnector } from './bot-adapter.js';
import type { Identity, IdentityResolver } from './identity.js';
import type { InstallHandler } from './install.js';
import { retryableSendError } from './send-errors.js';
import type { CardActions } from './turns/card-actions.js';
import { onReaction } from './turns/reactions.js';
import { commandText, type Replies } from './turns/reply.js';

export interface TurnDeps {
  readonly service: RitualsService;
  readonly identity: IdentityResolver;
  readonly install: InstallHandler;
  readonly cards: CardActions;
  readonly replies: Replies;
  readonly log: Logger;
}

const INVOKE_RESPONSE = 'invokeResponse';

async function invokeResponse(ctx: TurnContext, body: Record<string, unknown>, status = 200): Promise<void> {
  await ctx.sendActivity({ type: INVOKE_RESPONSE, value: { status, body } });
}

export function createTurnHandler(deps: TurnDeps) {
  async function onMessage(ctx: TurnContext, who: Identity): Promise<void> {
    await deps.install.remember(ctx, who.member?.memberId);
    if (ctx.activity.value && typeof ctx.activity.value === 'object') return deps.cards.onSubmit(ctx, who);
    if (!who.member) {
      await deps.replies.send(ctx, who, deps.service.notAMember(who.locale));
      return;
    }
    const text = commandText(ctx);
    if (text === '') {
      await deps.replies.send(ctx, who, deps.service.help(who.locale));
      return;
    }
    const result = await deps.service.command(who.member.memberId, text);
    await deps.replies.send(ctx, who, result.view);
  }

  /** `turn.who` is set as soon as the user is known, for the catch-all's language. */
  async function route(ctx: TurnContext, turn: { who?: Identity }): Promise<void> {
    const a = ctx.activity;
    const identify = async () => (turn.who = await deps.identity.resolve(ctx));
    switch (a.type) {
      case 'message':
        return onMessage(ctx, await identify());
      case 'invoke': {
        if (a.name !== 'adaptiveCard/action') return invokeResponse(ctx, {}, 200);
        const who = await identify();
        return invokeResponse(ctx, await deps.cards.onInvoke(ctx, who));
      }
      case 'installationUpdate': {
        const who = await identify();
        return deps.install.onInstallationUpdate(ctx, who);
      }
      case 'conversationUpdate': {
        const who = await identify();
        return deps.install.onConversationUpdate(ctx, who);
      }
      case 'messageReaction': {
        const who = await identify();
        const n = await onReaction(ctx, deps.service, who.userId);
        deps.log.debug({ reactions: n }, 'teams: reactions recorded');
        return;
      }
      default:
        deps.log.debug({ type: a.type }, 'teams: activity ignored');
    }
  }

  return async function onTurn(ctx: TurnContext): Promise<void> {
    turnConnector(ctx);
    const turn: { who?: Identity } = {};
    try {
      await route(ctx, turn);
    } catch (err) {
      const a = ctx.activity;
      const error = err instanceof Error ? { name: err.name, message: err.message } : String(err);
      if (retryableSendError(err) && a.type !== 'invoke') {
        // An apology would go through the same failing connector, and what the user asked may have run.
        // (An invoke is answered in the HTTP response itself, so it still gets its error below.)
        deps.log.warn(
          { type: a.type, name: a.name, activity: a.id, err: error },
          'teams: the Bot Connector refused for now; no reply sent',
        );
        return;
      }
      deps.log.error({ type: a.type, name: a.name, activity: a.id, err: error }, 'teams: turn failed');
      const locale = turn.who?.locale ?? deps.service.fallbackLocale(a.locale);
      try {
        if (a.type === 'invoke')
          await invokeResponse(ctx, {
            statusCode: 500,
            type: 'application/vnd.microsoft.error',
            value: { code: 'InternalError', message: t(locale, 'error.internal') },
          });
        else if (a.type === 'message') await ctx.sendActivity(t(locale, 'error.internal'));
      } catch {
        // The connector itself is failing: the log line above is all we can do.
      }
    }
  };
}
