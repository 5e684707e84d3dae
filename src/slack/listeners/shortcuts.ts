// The global shortcut "Log this week's numbers" (lightning menu or search): opens the check-in form with
// the shortcut's trigger id, like `/rituals checkin`. A shortcut has no response URL, so anything else
// (the period is closed, not a member) answers by DM.
import type { App, GlobalShortcut } from '@slack/bolt';
import type { Locale } from '../../core/domain/model.js';
import { identify, type SlackContext, strangerNotice } from '../context.js';
import { applyResult, type InteractionSurface, sendDirect } from '../interactions.js';
import { guarded } from './guard.js';

/** The callback id of the shortcut, as declared in manifests/slack/manifest.yml. */
export const CHECKIN_SHORTCUT = 'rituals_checkin';

export function registerShortcuts(app: App, ctx: SlackContext): void {
  app.shortcut<GlobalShortcut>(
    { callback_id: CHECKIN_SHORTCUT, type: 'shortcut' },
    async ({ ack, shortcut, client }) => {
      await ack();
      const surface: InteractionSurface = { client, userId: shortcut.user.id, triggerId: shortcut.trigger_id };
      let locale: Locale = ctx.service.fallbackLocale();
      await guarded(
        ctx,
        'shortcut',
        () => locale,
        async () => {
          const who = await identify(ctx, shortcut.user.id);
          locale = who.locale;
          if (!who.member) {
            await sendDirect(ctx, surface, strangerNotice(ctx, who));
            return;
          }
          await applyResult(ctx, surface, await ctx.service.command(who.member.memberId, 'checkin'));
        },
        (notice) => sendDirect(ctx, surface, notice),
      );
    },
  );
}
