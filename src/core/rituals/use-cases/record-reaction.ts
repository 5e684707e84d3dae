// Use case: an emoji reaction added to or removed from a bot post (leaderboards): stored once per post,
// emoji and user; a retried platform event (same event id) changes nothing.
import { postRefKey } from '../../ports/index.js';
import type { ReactionEvent } from '../../service.js';
import type { CoreContext } from '../deps.js';
import { memberByPlatformId } from '../queries/team-lookup.js';

export async function recordReaction(ctx: CoreContext, event: ReactionEvent): Promise<void> {
  const at = ctx.clock.now().toISOString();
  const platform = event.ref.platform;
  if (
    event.eventId !== undefined &&
    !(await ctx.repos.engineState.claim(`reaction-event:${platform}:${event.eventId}`, at))
  )
    return;
  const emoji = event.emoji.replace(/^:|:$/g, '').slice(0, 64);
  if (emoji === '') return;
  const changed = await ctx.repos.reactions.set({
    platform,
    postRef: postRefKey(event.ref),
    emoji,
    userId: event.userId,
    memberId: memberByPlatformId(ctx.workspace(), platform, event.userId)?.id ?? null,
    added: event.added,
    at,
  });
  if (changed) ctx.metrics.inc('reactions_total', { platform, added: String(event.added) });
}
