// Buttons and form submissions on the bot's cards. Action.Execute arrives as an `adaptiveCard/action`
// invoke that must be answered within 5 s with the card replacing the clicked one; the Action.Submit
// fallback arrives as a message with a `value`, answered by updating the card message in place.
// Payloads are checked (zod) before anything reaches the core, which validates the values again.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { t } from '../../core/i18n/index.js';
import { submissionKey } from '../../core/idempotency-key.js';
import type { RitualsService } from '../../core/service.js';
import { isActionId, type View } from '../../core/view-models.js';
import type { Logger } from '../../logging/logger.js';
import {
  CARD_CONTENT_TYPE,
  SUBMIT_CHECKIN,
  SUBMIT_DECISION,
  SUBMIT_REVIEW_DECISION,
  SUBMIT_TARGET,
} from '../cards/common.js';
import { cardActivity, renderCards } from '../cards/render.js';
import type { Identity } from '../identity.js';
import type { Replies } from './reply.js';

const input = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/** `{ action, value }` from the button, the form's inputs next to them. */
export const cardDataSchema = z
  .object({ action: z.string().min(1).max(64), value: z.string().max(4000).default('') })
  .catchall(z.unknown());

export const invokeValueSchema = z.object({
  action: z.object({ type: z.string(), verb: z.string().optional(), data: cardDataSchema }),
});

export type CardData = z.infer<typeof cardDataSchema>;

/** The result of a click: a view replacing the card, or a view sent as a new message. */
export type CardOutcome = { readonly replace: View } | { readonly message: View };

const RESERVED = new Set(['action', 'value', 'wins', 'blockers', 'msteams']);

function textInput(v: unknown): string | undefined {
  const r = input.safeParse(v);
  return r.success && r.data.trim() !== '' ? r.data : undefined;
}

export interface CardActionDeps {
  readonly service: RitualsService;
  readonly replies: Replies;
  readonly log: Logger;
}

export function createCardActions(deps: CardActionDeps) {
  async function outcome(ctx: TurnContext, who: Identity, data: CardData): Promise<CardOutcome> {
    const member = who.member;
    if (!member) return { message: deps.service.notAMember(who.locale) };
    // The activity id names the click; without one, the card and what was sent do (a replay counts once).
    const idempotencyKey = ctx.activity.id
      ? submissionKey('teams', [ctx.activity.id])
      : submissionKey('teams', [ctx.activity.conversation.id, ctx.activity.replyToId ?? ''], data);
    if (data.action === SUBMIT_CHECKIN) {
      const numbers: Record<string, string> = {};
      for (const [k, v] of Object.entries(data)) {
        if (RESERVED.has(k)) continue;
        const s = input.safeParse(v);
        numbers[k] = s.success ? s.data : '';
      }
      const res = await deps.service.submitCheckIn({
        memberId: member.memberId,
        metadata: data.value,
        numbers,
        wins: textInput(data.wins),
        blockers: textInput(data.blockers),
        platform: 'teams',
        idempotencyKey,
      });
      // On success the core itself queues the update of the original prompt (res.updateRef), if any.
      return { replace: res.ok ? res.view : res.form };
    }
    if (data.action === SUBMIT_DECISION || data.action === SUBMIT_REVIEW_DECISION) {
      const res = await deps.service.submitDecision({
        memberId: member.memberId,
        metadata: data.value,
        kind: textInput(data.kind) ?? '',
        text: textInput(data.text) ?? '',
        idempotencyKey,
      });
      const answer = res.ok ? res.view : res.form;
      // Under a review card the review and its charts stay: the answer (or the form with its errors) is a reply.
      return data.action === SUBMIT_REVIEW_DECISION ? { message: answer } : { replace: answer };
    }
    if (data.action === SUBMIT_TARGET) {
      const res = await deps.service.submitTargetChange({
        memberId: member.memberId,
        metadata: data.value,
        target: textInput(data.target) ?? '',
        reason: textInput(data.reason),
        idempotencyKey,
      });
      return { replace: res.ok ? res.view : res.form };
    }
    if (isActionId(data.action)) {
      const r = await deps.service.action(member.memberId, data.action, data.value);
      return r.kind === 'reply' ? { message: r.view } : { replace: r.view };
    }
    deps.log.warn({ action: data.action }, 'teams: unknown card action');
    return { message: deps.service.help(who.locale) };
  }

  return {
    /** `adaptiveCard/action`: returns the invoke response body. */
    async onInvoke(ctx: TurnContext, who: Identity): Promise<Record<string, unknown>> {
      const parsed = invokeValueSchema.safeParse(ctx.activity.value);
      if (!parsed.success) {
        return {
          statusCode: 400,
          type: 'application/vnd.microsoft.error',
          value: { code: 'BadRequest', message: 'malformed card action' },
        };
      }
      const out = await outcome(ctx, who, parsed.data.action.data);
      if ('message' in out) {
        await deps.replies.send(ctx, who, out.message);
        return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: out.message.text };
      }
      const [first, ...rest] = renderCards(out.replace);
      for (const c of rest) await ctx.sendActivity(cardActivity(c, out.replace.text));
      return { statusCode: 200, type: CARD_CONTENT_TYPE, value: first };
    },

    /** The Action.Submit fallback: a message whose `value` is the card data. */
    async onSubmit(ctx: TurnContext, who: Identity): Promise<void> {
      const parsed = cardDataSchema.safeParse(ctx.activity.value);
      if (!parsed.success) {
        await ctx.sendActivity(t(who.locale, 'error.internal'));
        return;
      }
      const out = await outcome(ctx, who, parsed.data);
      if ('message' in out || !ctx.activity.replyToId) {
        await deps.replies.send(ctx, who, 'message' in out ? out.message : out.replace);
        return;
      }
      await deps.replies.update(ctx, who, out.replace, ctx.activity.replyToId);
    },
  };
}

export type CardActions = ReturnType<typeof createCardActions>;
