// Adaptive Card (schema 1.5) building blocks shared by every card: the card envelope, text, KPI lines,
// progress bars and buttons. Buttons are Action.Execute (Universal Actions: the bot answers with the card
// that replaces this one) with an Action.Submit fallback for clients without Universal Actions.
import type { ActionButton, KpiLine, Tone } from '../../core/view-models.js';

export type CardElement = { readonly type: string; readonly [key: string]: unknown };
export type CardAction = CardElement;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: '1.5';
  readonly body: CardElement[];
  readonly actions?: CardAction[];
  readonly fallbackText?: string;
  readonly msteams?: { readonly width: 'Full' };
}

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Verbs of the bot's own form buttons, next to the core's ActionIds. */
export const SUBMIT_CHECKIN = 'checkin.submit';
export const SUBMIT_DECISION = 'decision.submit';
/** The decision form opened below a review card: the answer is a reply, the review stays. */
export const SUBMIT_REVIEW_DECISION = 'review.decision.submit';
export const SUBMIT_TARGET = 'target.submit';

/** What every button sends back: `{ action, value }` (form inputs are merged next to them). */
export interface ButtonData {
  readonly action: string;
  readonly value: string;
}

export function card(body: CardElement[], actions: CardAction[] = [], fallbackText?: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(fallbackText ? { fallbackText: fallbackText.slice(0, 500) } : {}),
    msteams: { width: 'Full' },
  };
}

export interface TextOptions {
  readonly size?: 'Small' | 'Default' | 'Medium' | 'Large';
  readonly weight?: 'Lighter' | 'Default' | 'Bolder';
  readonly color?: 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';
  readonly isSubtle?: boolean;
  readonly spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
  readonly separator?: boolean;
  readonly style?: 'heading';
  readonly horizontalAlignment?: 'Left' | 'Center' | 'Right';
}

export function text(value: string, opts: TextOptions = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...opts };
}

export function heading(value: string): CardElement {
  return text(value, { size: 'Large', weight: 'Bolder', style: 'heading' });
}

export function subheading(value: string, separator = true): CardElement {
  return text(value, { weight: 'Bolder', spacing: 'Medium', separator });
}

export function subtle(value: string): CardElement {
  return text(value, { size: 'Small', isSubtle: true, spacing: 'None' });
}

export function toneColor(tone: Tone): TextOptions['color'] {
  return ({ good: 'Good', warning: 'Warning', bad: 'Attention', neutral: 'Default' } as const)[tone];
}

/** A ten-step text bar: cards have no progress element in 1.5, and text survives every client. */
export function bar(progress: number): string {
  const p = Number.isFinite(progress) ? Math.min(1, Math.max(0, progress)) : 0;
  const full = Math.round(p * 10);
  return '█'.repeat(full) + '░'.repeat(10 - full);
}

/** One KPI against its target: label and figures on the left, attainment and status on the right. */
export function kpiLine(line: KpiLine, withDetails = true): CardElement {
  const left: CardElement[] = [
    text(line.label, { weight: 'Bolder' }),
    text(`${line.actualText} / ${line.targetText}`, { spacing: 'None' }),
  ];
  if (withDetails && line.projectionText) left.push(subtle(line.projectionText));
  if (withDetails && line.neededText) left.push(subtle(line.neededText));
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: 'stretch', items: left },
      {
        type: 'Column',
        width: 'auto',
        horizontalAlignment: 'Right',
        items: [
          text(line.attainmentText, { weight: 'Bolder', color: toneColor(line.tone) }),
          text(bar(line.progress), { size: 'Small', spacing: 'None', color: toneColor(line.tone) }),
          subtle(line.statusText),
        ],
      },
    ],
  };
}

/** Data sent back by a button; kept tiny so a card stays well under 28 KB. */
export function buttonData(action: string, value: string): ButtonData {
  return { action, value };
}

/** Action.Execute with an Action.Submit fallback carrying the same data. */
export function execute(title: string, action: string, value: string, style?: ActionButton['style']): CardAction {
  const data = buttonData(action, value);
  const s = style === 'primary' ? { style: 'positive' } : style === 'danger' ? { style: 'destructive' } : {};
  return {
    type: 'Action.Execute',
    title,
    verb: action,
    data,
    ...s,
    fallback: { type: 'Action.Submit', title, data, ...s },
  };
}

export function buttons(list: readonly ActionButton[]): CardAction[] {
  return list.map((b) => execute(b.label, b.action, b.value, b.style));
}

/** Lists of short strings ("• a", "• b") as one text block. */
export function bullets(items: readonly string[]): CardElement {
  return text(items.map((i) => `- ${i}`).join('\n'));
}

export function cardBytes(c: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(c), 'utf8');
}
