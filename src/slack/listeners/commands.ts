// The /rituals slash command: acknowledged at once, then the text goes to the core (checkin, me,
// leaderboard, progress, standup, ooo, run, help); its answer opens a modal or comes back ephemeral.
import type { App } from '@slack/bolt';
import type { Locale } from '../../core/domain/model.js';
import { identify, type SlackContext, strangerNotice } from '../context.js';
import { applyResult, type InteractionSurface, replyPrivately } from '../interactions.js';
import { guarded } from './guard.js';

export const SLASH_COMMAND = '/rituals';

export function registerCommands(app: App, ctx: SlackContext): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    const surface: InteractionSurface = {
      client,
      userId: command.user_id,
      triggerId: command.trigger_id,
      respond: (m) => respond(m),
    };
    let locale: Locale = ctx.service.fallbackLocale();
    await guarded(
      ctx,
      'command',
      () => locale,
      async () => {
        const who = await identify(ctx, command.user_id);
        locale = who.locale;
        if (!who.member) {
          await replyPrivately(ctx, surface, strangerNotice(ctx, who));
          return;
        }
        const result = await ctx.service.command(who.member.memberId, command.text ?? '');
        await applyResult(ctx, surface, result);
      },
      (notice) => replyPrivately(ctx, surface, notice),
    );
  });
}
