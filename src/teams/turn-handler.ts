// One bot turn: who is talking, remember their conversation, then route the activity (typed command,
// card button, install / uninstall, reaction). The one catch-all of the Teams adapter: an unexpected
// failure is logged by id and answered with a short apology in the user's language.
import type { TurnContext } from 'botbuilder';
import { t } from '../core/i18n/index.js';
import type { RitualsService } from '../core/service.js';
import type { Logger } from '../logging/logger.js';
import { turnConnector } from './bot-adapter.js';
import type { IdentityResolver } from './identity.js';
import type { InstallHandler } from './install.js';
import type { CardActions } from './turns/card-actions.js';
import { onReaction } from './turns/reactions.js';
import { commandText, replyWithView } from './turns/reply.js';

export interface TurnDeps {
  readonly service: RitualsService;
  readonly identity: IdentityResolver;
  readonly install: InstallHandler;
  readonly cards: CardActions;
  readonly log: Logger;
}

const INVOKE_RESPONSE = 'invokeResponse';

async function invokeResponse(ctx: TurnContext, body: Record<string, unknown>, status = 200): Promise<void> {
  await ctx.sendActivity({ type: INVOKE_RESPONSE, value: { status, body } });
}

export function createTurnHandler(deps: TurnDeps) {
  async function onMessage(ctx: TurnContext): Promise<void> {
    const who = await deps.identity.resolve(ctx);
    await deps.install.remember(ctx, who.member?.memberId);
    if (ctx.activity.value && typeof ctx.activity.value === 'object') return deps.cards.onSubmit(ctx, who);
    if (!who.member) {
      await replyWithView(ctx, deps.service.notAMember(who.locale));
      return;
    }
    const text = commandText(ctx);
    if (text === '') {
      await replyWithView(ctx, deps.service.help(who.locale));
      return;
    }
    const result = await deps.service.command(who.member.memberId, text);
    await replyWithView(ctx, result.view);
  }

  async function route(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    switch (a.type) {
      case 'message':
        return onMessage(ctx);
      case 'invoke': {
        if (a.name !== 'adaptiveCard/action') return invokeResponse(ctx, {}, 200);
        const who = await deps.identity.resolve(ctx);
        return invokeResponse(ctx, await deps.cards.onInvoke(ctx, who));
      }
      case 'installationUpdate': {
        const who = await deps.identity.resolve(ctx);
        return deps.install.onInstallationUpdate(ctx, who.member?.memberId);
      }
      case 'conversationUpdate': {
        const who = await deps.identity.resolve(ctx);
        return deps.install.onConversationUpdate(ctx, who.member?.memberId);
      }
      case 'messageReaction': {
        const who = await deps.identity.resolve(ctx);
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
    try {
      await route(ctx);
    } catch (err) {
      const a = ctx.activity;
      deps.log.error({ type: a.type, name: a.name, activity: a.id, err: err instanceof Error ? { name: err.name, message: err.message } : String(err) }, 'teams: turn failed');
      const locale = deps.service.fallbackLocale(a.locale);
      try {
        if (a.type === 'invoke') await invokeResponse(ctx, { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError', message: t(locale, 'error.internal') } });
        else if (a.type === 'message') await ctx.sendActivity(t(locale, 'error.internal'));
      } catch {
        // The connector itself is failing: the log line above is all we can do.
      }
    }
  };
}
