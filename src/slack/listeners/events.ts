// Events API: App Home (app_home_opened -> views.publish of the member's goals), reactions on the
// bot's own posts (tallied by the core per post and emoji), and messages typed in the bot's DM (read as commands).
import type { App } from '@slack/bolt';
import { identify, type SlackContext, strangerNotice } from '../context.js';
import { publishHome } from '../home.js';
import { applyResult, type InteractionSurface, sendDirect } from '../interactions.js';
import { guarded } from './guard.js';

export function registerEvents(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(ctx, client, event.user);
    } catch (err) {
      ctx.log.error(
        {
          err: { message: err instanceof Error ? err.message : String(err) },
          eventId: (body as { event_id?: string }).event_id,
        },
        'app home failed',
      );
    }
  });

  // Only reactions on the bot's own posts are tallied (item_user is the post's author; Bolt puts the
  // bot's user id of the workspace in the context): a reaction to a colleague's message is not ours.
  const reaction =
    (added: boolean) =>
    async ({
      event,
      body,
      context,
    }: {
      event: {
        item: { type: string; channel?: string; ts?: string };
        item_user?: string;
        reaction: string;
        user: string;
      };
      body: unknown;
      context: { botUserId?: string };
    }) => {
      if (event.item.type !== 'message' || !event.item.channel || !event.item.ts) return;
      if (!context.botUserId || event.item_user !== context.botUserId) return;
      await ctx.service.recordReaction({
        ref: { platform: 'slack', conversation: event.item.channel, id: event.item.ts },
        emoji: event.reaction,
        userId: event.user,
        added,
        eventId: (body as { event_id?: string }).event_id,
      });
    };
  app.event('reaction_added', reaction(true));
  app.event('reaction_removed', reaction(false));

  // A line typed in the bot's DM is read like the slash command ("me", "checkin", "help"...).
  app.message(async ({ message, client }) => {
    const m = message as {
      channel_type?: string;
      subtype?: string;
      bot_id?: string;
      user?: string;
      text?: string;
      channel: string;
    };
    if (m.channel_type !== 'im' || m.subtype !== undefined || m.bot_id || !m.user || !m.text) return;
    const userId = m.user;
    const surface: InteractionSurface = { client, userId };
    let locale = ctx.service.fallbackLocale();
    await guarded(
      ctx,
      'dm command',
      () => locale,
      async () => {
        const who = await identify(ctx, userId);
        locale = who.locale;
        if (!who.member) {
          await sendDirect(ctx, surface, strangerNotice(ctx, who));
          return;
        }
        await applyResult(ctx, surface, await ctx.service.command(who.member.memberId, m.text!.trim()));
      },
      (notice) => sendDirect(ctx, surface, notice),
    );
  });
}
