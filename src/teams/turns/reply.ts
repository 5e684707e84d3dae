// Answers inside a turn: a view as one or more card messages in the conversation the user is in.
import type { TurnContext } from 'botbuilder';
import type { View } from '../../core/views.js';
import { cardActivity, renderCards } from '../cards/render.js';

export async function replyWithView(ctx: TurnContext, view: View): Promise<string | undefined> {
  let first: string | undefined;
  for (const card of renderCards(view)) {
    const res = await ctx.sendActivity(cardActivity(card, view.text));
    first ??= res?.id;
  }
  return first;
}

/** The text typed to the bot, without the bot's @mention (channels) and surrounding spaces. */
export function commandText(ctx: TurnContext): string {
  const raw = ctx.activity.text ?? '';
  const botId = ctx.activity.recipient?.id;
  let text = raw;
  for (const e of ctx.activity.entities ?? []) {
    const mentioned = (e as { type?: string; mentioned?: { id?: string }; text?: string });
    if (mentioned.type === 'mention' && mentioned.mentioned?.id === botId && mentioned.text) text = text.split(mentioned.text).join(' ');
  }
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
