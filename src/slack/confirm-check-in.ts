// Where a check-in's confirmation goes once the modal is closed. The core already queued the update
// of the scheduled DM prompt (updateRef) when there is one; the adapter confirms where the form was
// opened: an ephemeral message is replaced through the click's response URL (chat.update cannot reach
// it: Slack answers message_not_found), any other message is updated in place, and when neither works
// nor a prompt shows it, the confirmation comes as a DM. Never throws.
import type { webApi } from '@slack/bolt';
import type { MessageRef } from '../core/ports/index.js';
import type { View } from '../core/view-models.js';
import type { FormOrigin } from './blocks/check-in.js';
import { renderMessage } from './blocks/render.js';
import type { SlackContext } from './context.js';
import { errorFields } from './log.js';
import { postToResponseUrl } from './response-url.js';

export async function confirmCheckIn(
  ctx: SlackContext,
  client: webApi.WebClient,
  userId: string,
  origin: FormOrigin,
  view: View,
  updateRef: MessageRef | undefined,
): Promise<void> {
  const message = renderMessage(view);
  const confirmed = await confirmAtOrigin(ctx, client, origin, message, updateRef);
  if (confirmed || updateRef) return;
  try {
    const channel = await ctx.directory.dmChannelOf(userId);
    await client.chat.postMessage({ channel, ...message });
  } catch (err) {
    ctx.log.warn({ err: errorFields(err), userId }, 'check-in confirmation could not be sent');
  }
}

/** True when the message the form came from now shows the confirmation (or is the prompt the core updates). */
async function confirmAtOrigin(
  ctx: SlackContext,
  client: webApi.WebClient,
  origin: FormOrigin,
  message: ReturnType<typeof renderMessage>,
  updateRef: MessageRef | undefined,
): Promise<boolean> {
  if (origin.responseUrl) {
    const res = await postToResponseUrl(origin.responseUrl, {
      response_type: 'ephemeral',
      replace_original: true,
      ...message,
    });
    if (!res.ok) ctx.log.info({ reason: res.reason }, 'response url refused the check-in confirmation');
    return res.ok;
  }
  if (!origin.channel || !origin.ts) return false;
  if (updateRef && updateRef.conversation === origin.channel && updateRef.id === origin.ts) return true;
  try {
    await client.chat.update({ channel: origin.channel, ts: origin.ts, ...message });
    return true;
  } catch (err) {
    ctx.log.info({ err: errorFields(err), channel: origin.channel }, 'check-in origin message could not be updated');
    return false;
  }
}
