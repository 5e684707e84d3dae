// Answers inside a turn: a view as one or more card messages in the conversation the user is in, or a
// card updated in place. When the Bot Connector refuses for now (a dropped connection, 412, 429, 5xx)
// the view goes to the outbox, which sends it again to the member's chat (or the team's channel) with
// its backoff: the command did run, so the turn must not end in an apology the user would not get either.
import type { TurnContext } from 'botbuilder';
import type { Clock, Destination, MessageRef, OutboxPort } from '../../core/ports/index.js';
import type { View } from '../../core/view-models.js';
import type { Logger } from '../../logging/logger.js';
import { cardActivity, renderCards } from '../cards/render.js';
import { baseConversationId, type ConversationRefs } from '../conversation-refs.js';
import type { Identity } from '../identity.js';
import { retryableSendError } from '../send-errors.js';

export interface ReplyDeps {
  /** Without it, a refused reply fails the turn like any error. */
  readonly outbox?: OutboxPort;
  readonly refs: ConversationRefs;
  readonly clock: Clock;
  readonly log: Logger;
}

const errName = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 120) : 'error');

export function createReplies(deps: ReplyDeps) {
  /** Where the outbox can reach the same person or team again. */
  async function destinationOf(ctx: TurnContext, who: Identity): Promise<Destination | undefined> {
    const type = ctx.activity.conversation.conversationType ?? 'personal';
    if (type === 'personal') return who.member ? { kind: 'dm', memberId: who.member.memberId } : undefined;
    const rec = await deps.refs.byConversation(ctx.activity.conversation.id);
    return rec?.teamId ? { kind: 'channel', teamId: rec.teamId } : undefined;
  }

  /** True when the view was queued for another try. */
  async function queue(
    ctx: TurnContext,
    who: Identity,
    view: View,
    err: unknown,
    updateOf?: MessageRef,
  ): Promise<boolean> {
    const now = deps.clock.now();
    const retry = retryableSendError(err, now.getTime());
    if (!retry || !deps.outbox) return false;
    const destination = await destinationOf(ctx, who);
    if (!destination) return false;
    const a = ctx.activity;
    // Keyed by the activity, so Teams redelivering it queues the answer once.
    const dedupeKey = `teams:reply:${baseConversationId(a.conversation.id)}:${a.id ?? now.getTime()}${updateOf ? ':update' : ''}`;
    await deps.outbox.enqueue(
      [
        {
          dedupeKey,
          platform: 'teams',
          destination,
          view,
          ...(updateOf ? { updateOf } : {}),
          notBefore: new Date(now.getTime() + retry.retryAfterMs).toISOString(),
        },
      ],
      { at: now.toISOString() },
    );
    deps.log.warn(
      { activity: a.id, destination: destination.kind, err: errName(err) },
      'teams: reply refused for now by the Bot Connector; queued in the outbox',
    );
    return true;
  }

  return {
    /** Replies with the view's cards. */
    async send(ctx: TurnContext, who: Identity, view: View): Promise<void> {
      let sent = 0;
      try {
        for (const card of renderCards(view)) {
          await ctx.sendActivity(cardActivity(card, view.text));
          sent += 1;
        }
      } catch (err) {
        if (sent > 0 && retryableSendError(err)) {
          // Part of a split view went out: sending it all again would repeat that part.
          deps.log.warn(
            { activity: ctx.activity.id, sent, err: errName(err) },
            'teams: only part of a split reply was sent',
          );
          return;
        }
        if (sent === 0 && (await queue(ctx, who, view, err))) return;
        throw err;
      }
    },

    /** Replaces the card message `activityId` with the view's first card; the other cards follow as replies. */
    async update(ctx: TurnContext, who: Identity, view: View, activityId: string): Promise<void> {
      const [first, ...rest] = renderCards(view);
      try {
        await ctx.updateActivity({ ...cardActivity(first!, view.text), id: activityId });
      } catch (err) {
        const ref: MessageRef = {
          platform: 'teams',
          conversation: baseConversationId(ctx.activity.conversation.id),
          id: activityId,
        };
        if (await queue(ctx, who, view, err, ref)) return;
        throw err;
      }
      for (const c of rest) await ctx.sendActivity(cardActivity(c, view.text));
    },
  };
}

export type Replies = ReturnType<typeof createReplies>;

/** The text typed to the bot, without the bot's @mention (channels) and surrounding spaces. */
export function commandText(ctx: TurnContext): string {
  const raw = ctx.activity.text ?? '';
  const botId = ctx.activity.recipient?.id;
  let text = raw;
  for (const e of ctx.activity.entities ?? []) {
    const mentioned = e as { type?: string; mentioned?: { id?: string }; text?: string };
    if (mentioned.type === 'mention' && mentioned.mentioned?.id === botId && mentioned.text)
      text = text.split(mentioned.text).join(' ');
  }
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
