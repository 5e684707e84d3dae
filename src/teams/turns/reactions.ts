// Reactions on the bot's posts (messageReaction): each added or removed emoji goes to the core, which
// tallies them like Slack's. The post is identified as the gateway identified it when sending.
import type { TurnContext } from 'botbuilder';
import type { RitualsService } from '../../core/service.js';
import { baseConversationId } from '../conversation-refs.js';

export async function onReaction(ctx: TurnContext, service: RitualsService, userId: string): Promise<number> {
  const a = ctx.activity;
  if (!a.replyToId) return 0;
  const ref = { platform: 'teams' as const, conversation: baseConversationId(a.conversation.id), id: a.replyToId };
  let n = 0;
  for (const [list, added] of [
    [a.reactionsAdded ?? [], true],
    [a.reactionsRemoved ?? [], false],
  ] as const) {
    for (const r of list) {
      if (!r.type) continue;
      await service.recordReaction({
        ref,
        emoji: r.type,
        userId,
        added,
        eventId: `${a.id ?? ''}:${added ? '+' : '-'}${r.type}`,
      });
      n += 1;
    }
  }
  return n;
}
