// @Goal Rituals in a channel: the text after the mention is read like the slash command (`@Goal Rituals
// leaderboard`, `@Goal Rituals moi`), and the answer is ephemeral in that channel, for the one who asked
// (a DM when Slack refuses the ephemeral). The check-in form cannot open without a trigger id, so it
// comes as its button.
import type { App } from '@slack/bolt';
import type { Locale } from '../../core/domain/model.js';
import { identify, type SlackContext, strangerNotice } from '../context.js';
import { applyResult, type InteractionSurface, replyPrivately, sendDirect } from '../interactions.js';
import { errorFields } from '../log.js';
import { guarded } from './guard.js';

/** `<@U0BOT> leaderboard` -> `leaderboard`: every leading mention is dropped. */
export function commandOfMention(text: string): string {
  return text.replace(/^(\s*<@[A-Z0-9]+(?:\|[^>]*)?>)+/, '').trim();
}

export function registerMentions(app: App, ctx: SlackContext): void {
  app.event('app_mention', async ({ event, client }) => {
    const userId = event.user;
    // A mention typed in the bot's DM is already read as a DM command (message.im): answered once.
    if (!userId || event.bot_id || !event.channel || event.channel.startsWith('D')) return;
    const channel = event.channel;
    const surface: InteractionSurface = {
      client,
      userId,
      // An answer only the asker sees, where they asked; if the channel refuses it, a DM.
      respond: async (m) => {
        try {
          await client.chat.postEphemeral({ channel, user: userId, ...(m as { text: string; blocks?: never[] }) });
        } catch (err) {
          ctx.log.info({ err: errorFields(err), channel }, 'ephemeral answer refused; answering by DM');
          const { response_type: _r, replace_original: _o, ...message } = m as Record<string, unknown>;
          const dm = await ctx.directory.dmChannelOf(userId);
          await client.chat.postMessage({ channel: dm, ...(message as { text: string }) });
        }
      },
    };
    let locale: Locale = ctx.service.fallbackLocale();
    await guarded(
      ctx,
      'mention',
      () => locale,
      async () => {
        const who = await identify(ctx, userId);
        locale = who.locale;
        if (!who.member) {
          await replyPrivately(ctx, surface, strangerNotice(ctx, who));
          return;
        }
        const text = commandOfMention(event.text ?? '');
        if (text === '') {
          await replyPrivately(ctx, surface, ctx.service.help(who.locale));
          return;
        }
        await applyResult(ctx, surface, await ctx.service.command(who.member.memberId, text));
      },
      (notice) => replyPrivately(ctx, surface, notice).catch(() => sendDirect(ctx, surface, notice)),
    );
  });
}
