// Carries out what the core answered to a command or a button: open a modal (views.open with the
// trigger id), replace the message the button was on (chat.update, or the response URL for an
// ephemeral message), or answer privately (ephemeral through the response URL, else a DM).
import type { webApi } from '@slack/bolt';
import type { InteractionResult } from '../core/service.js';
import type { View } from '../core/view-models.js';
import { renderHome, renderMessage, renderModal } from './blocks/render.js';
import type { SlackContext } from './context.js';

/** Posts to Slack's response URL (Bolt's `respond`): ephemeral answers to commands and buttons. */
export type RespondFn = (message: Record<string, unknown>) => Promise<unknown>;

export interface InteractionSurface {
  readonly client: webApi.WebClient;
  readonly userId: string;
  readonly triggerId?: string;
  /** The message a button was on (never an ephemeral one: chat.update cannot reach those). */
  readonly message?: { readonly channel: string; readonly ts: string };
  /** The button was on an ephemeral message: it is replaced through `respond` / `responseUrl`. */
  readonly ephemeral?: boolean;
  /** The click's response URL, handed to a modal so its submission can answer an ephemeral message. */
  readonly responseUrl?: string;
  /** The button was on the App Home tab. */
  readonly fromHome?: boolean;
  readonly respond?: RespondFn;
}

export async function sendDirect(ctx: SlackContext, s: InteractionSurface, view: View): Promise<void> {
  const channel = await ctx.directory.dmChannelOf(s.userId);
  await s.client.chat.postMessage({ channel, ...renderMessage(view) });
}

/** An answer only this user sees. */
export async function replyPrivately(ctx: SlackContext, s: InteractionSurface, view: View): Promise<void> {
  if (s.respond) {
    await s.respond({ response_type: 'ephemeral', replace_original: false, ...renderMessage(view) });
    return;
  }
  await sendDirect(ctx, s, view);
}

export async function applyResult(ctx: SlackContext, s: InteractionSurface, result: InteractionResult): Promise<void> {
  switch (result.kind) {
    case 'form': {
      if (!s.triggerId) {
        // Typed in a DM or a mention there is no trigger id to open a modal with: the form's button instead.
        await replyPrivately(ctx, s, result.view);
        return;
      }
      const origin = s.message
        ? { channel: s.message.channel, ts: s.message.ts }
        : s.ephemeral && s.responseUrl
          ? { responseUrl: s.responseUrl }
          : {};
      await s.client.views.open({ trigger_id: s.triggerId, view: renderModal(result.view, origin) });
      return;
    }
    case 'replace': {
      if (s.message) {
        await s.client.chat.update({ channel: s.message.channel, ts: s.message.ts, ...renderMessage(result.view) });
        return;
      }
      if (s.ephemeral && s.respond) {
        await s.respond({ response_type: 'ephemeral', replace_original: true, ...renderMessage(result.view) });
        return;
      }
      if (s.fromHome && (result.view.type === 'my_goals' || result.view.type === 'notice')) {
        await s.client.views.publish({ user_id: s.userId, view: renderHome(result.view) });
        return;
      }
      await replyPrivately(ctx, s, result.view);
      return;
    }
    case 'reply':
      await replyPrivately(ctx, s, result.view);
      return;
  }
}
