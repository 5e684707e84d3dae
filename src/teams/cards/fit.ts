// Keeps every message under Teams' 28 KB: a view with many rows (a long leaderboard, a big stand-up) is
// packed into as many cards as needed, each repeating the heading with "(2/3)"; a lone oversized group
// has its texts shortened instead of being dropped.
import { type AdaptiveCard, type CardAction, type CardElement, card, cardBytes } from './common.js';

/** Teams refuses a message over 28 KB. */
export const MAX_MESSAGE_BYTES = 28 * 1024;
/** Room for a card's JSON: the activity around it (ids, conversation, summary) takes about 1 KB. */
export const CARD_BUDGET_BYTES = 26 * 1024;

export interface PackInput {
  /** The heading of part `part` of `total` (total 1: no "(1/1)"). */
  readonly head: (part: number, total: number) => CardElement[];
  /** Blocks kept together on one card (a row, a section). */
  readonly groups: readonly CardElement[][];
  /** Buttons, on the last card only. */
  readonly actions?: CardAction[];
  /** Elements closing the last card (a footer). */
  readonly tail?: CardElement[];
  readonly fallbackText?: string;
}

export function partLabel(title: string, part: number, total: number): string {
  return total > 1 ? `${title} (${part}/${total})` : title;
}

/** Shortens every TextBlock's text in `elements` to `maxChars`. */
export function truncateTexts(elements: CardElement[], maxChars: number): CardElement[] {
  const cut = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(cut);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o)) out[k] = x;
      if (o.type === 'TextBlock' && typeof o.text === 'string' && o.text.length > maxChars)
        out.text = `${o.text.slice(0, maxChars - 1)}…`;
      // Also inside the cards that buttons open (ActionSet -> Action.ShowCard -> card).
      for (const k of ['items', 'columns', 'body', 'actions']) if (Array.isArray(o[k])) out[k] = cut(o[k]);
      if (o.type === 'Action.ShowCard' && o.card) out.card = cut(o.card);
      return out;
    }
    return v;
  };
  return cut(elements) as CardElement[];
}

export function packCards(input: PackInput, budget = CARD_BUDGET_BYTES): AdaptiveCard[] {
  const actions = input.actions ?? [];
  const tail = input.tail ?? [];
  // First pass with the widest heading ("(99/99)") so the real one always fits.
  const parts: CardElement[][][] = [];
  let current: CardElement[][] = [];
  const size = (groups: CardElement[][]) =>
    cardBytes(card([...input.head(99, 99), ...groups.flat(), ...tail], actions, input.fallbackText));
  for (const raw of input.groups) {
    let group = raw;
    if (size([group]) > budget) {
      for (const max of [2000, 800, 300, 120]) {
        group = truncateTexts(raw, max);
        if (size([group]) <= budget) break;
      }
    }
    if (current.length > 0 && size([...current, group]) > budget) {
      parts.push(current);
      current = [];
    }
    current.push(group);
  }
  parts.push(current);
  const total = parts.length;
  return parts.map((groups, i) => {
    const last = i === total - 1;
    return card(
      [...input.head(i + 1, total), ...groups.flat(), ...(last ? tail : [])],
      last ? actions : [],
      input.fallbackText,
    );
  });
}
