// Button clicks: the action id (before `#`) and value go to the core; its answer opens a modal
// (trigger id), replaces the message the button was on, or comes back privately.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Locale } from '../../core/domain/model.js';
import { type ActionId, isActionId } from '../../core/view-models.js';
import { HOME_COMMAND_ACTION } from '../blocks/home-actions.js';
import { identify, type SlackContext, strangerNotice } from '../context.js';
import { applyResult, type InteractionSurface, replyPrivately } from '../interactions.js';
import { guarded } from './guard.js';

/** `breach.snooze#1` -> `breach.snooze`; undefined for an id that is not ours. */
export function actionOf(actionId: string): ActionId | undefined {
  const base = actionId.split('#')[0] ?? '';
  return isActionId(base) ? base : undefined;
}

export function registerActions(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: /^[a-z_]+\.[a-z_]+#\d+$/ },
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const action_ = actionOf(action.action_id);
      const homeCommand = action.action_id.split('#')[0] === HOME_COMMAND_ACTION;
      if ((!action_ && !homeCommand) || action.type !== 'button') return;
      const container = body.container as {
        type?: string;
        channel_id?: string;
        message_ts?: string;
        is_ephemeral?: boolean;
      };
      // An ephemeral message has a ts but chat.update cannot reach it: it is answered through response_url.
      const ephemeral = container.type === 'message' && container.is_ephemeral === true;
      const message =
        container.type === 'message' && !ephemeral && container.channel_id && container.message_ts
          ? { channel: container.channel_id, ts: container.message_ts }
          : undefined;
      const surface: InteractionSurface = {
        client,
        userId: body.user.id,
        triggerId: body.trigger_id,
        message,
        fromHome: container.type === 'view',
        ephemeral,
        ...(body.response_url ? { responseUrl: body.response_url } : {}),
        respond: body.response_url ? (m) => respond(m) : undefined,
      };
      let locale: Locale = ctx.service.fallbackLocale();
      await guarded(
        ctx,
        `action ${action_ ?? HOME_COMMAND_ACTION}`,
        () => locale,
        async () => {
          const who = await identify(ctx, body.user.id);
          locale = who.locale;
          if (!who.member) {
            await replyPrivately(ctx, surface, strangerNotice(ctx, who));
            return;
          }
          // A manager's Home button is a command, checked by the core like a typed one.
          const result = action_
            ? await ctx.service.action(who.member.memberId, action_, action.value ?? '')
            : await ctx.service.command(who.member.memberId, action.value ?? '');
          await applyResult(ctx, surface, result);
        },
        (notice) => replyPrivately(ctx, surface, notice),
      );
    },
  );
}
