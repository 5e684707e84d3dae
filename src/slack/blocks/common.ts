// Building blocks shared by the Block Kit renderers: escaped mrkdwn, headers, context lines, KPI lines
// with a text progress bar, buttons, and lists that split or truncate ("…and N more") to fit the limits.

import type { Locale } from '../../core/domain/model.js';
import { t } from '../../core/i18n/index.js';
import type { ActionButton, ActionId, KpiLine, Tone } from '../../core/view-models.js';
import { type Block, clip, LIMITS, packLines } from './limits.js';

/** mrkdwn treats &, < and > as control characters (links, mentions): user and config text is escaped. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: clip(text || ' ', LIMITS.headerText), emoji: true } };
}

/** A section of mrkdwn; `text` must already be escaped. */
export function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn || ' ', LIMITS.sectionText) } };
}

export function context(...mrkdwn: readonly string[]): Block | undefined {
  const els = mrkdwn.filter((s) => s.trim() !== '').slice(0, LIMITS.contextElements);
  if (els.length === 0) return undefined;
  return {
    type: 'context',
    elements: els.map((s) => ({ type: 'mrkdwn' as const, text: clip(s, LIMITS.contextText) })),
  };
}

export const divider = (): Block => ({ type: 'divider' });

/** A plain_text object (titles, labels, buttons of modals), cut to the field's limit. */
export const plainText = (text: string, max: number) => ({
  type: 'plain_text' as const,
  text: clip(text || ' ', max),
  emoji: true,
});

/** Action ids must be unique within a message: the button's position is appended after `#`. */
export function actionIdFor(action: ActionId | 'home.command', index: number): string {
  return `${action}#${index}`;
}

export function buttons(actions: readonly ActionButton[]): Block | undefined {
  if (actions.length === 0) return undefined;
  return {
    type: 'actions',
    block_id: 'rituals_actions',
    elements: actions.slice(0, LIMITS.actionsElements).map((a, i) => ({
      type: 'button' as const,
      action_id: actionIdFor(a.action, i),
      text: { type: 'plain_text' as const, text: clip(a.label || ' ', LIMITS.buttonText), emoji: true },
      value: a.value.slice(0, LIMITS.buttonValue),
      ...(a.style ? { style: a.style } : {}),
    })),
  };
}

const TONE_EMOJI: Readonly<Record<Tone, string>> = {
  good: ':large_green_circle:',
  warning: ':large_yellow_circle:',
  bad: ':red_circle:',
  neutral: ':white_circle:',
};

export const toneEmoji = (tone: Tone): string => TONE_EMOJI[tone];

/** `progress` 0..1 as a 10-cell bar. */
export function bar(progress: number, cells = 10): string {
  const p = Number.isFinite(progress) ? Math.min(1, Math.max(0, progress)) : 0;
  const full = Math.round(p * cells);
  return `\`${'█'.repeat(full)}${'░'.repeat(cells - full)}\``;
}

/** One KPI as a few mrkdwn lines: label, bar and attainment; actual vs target and status; projection. */
export function kpiLineText(line: KpiLine): string {
  const lines = [
    `*${esc(line.label)}*  ${bar(line.progress)} ${esc(line.attainmentText)}`,
    `${esc(line.actualText)} / ${esc(line.targetText)} · ${toneEmoji(line.tone)} ${esc(line.statusText)}`,
  ];
  const extra = [line.projectionText, line.neededText].filter((s): s is string => !!s).map(esc);
  if (extra.length > 0) lines.push(`_${extra.join(' · ')}_`);
  return lines.join('\n');
}

/**
 * Items as sections of up to 3000 characters, using at most `maxBlocks` blocks: when they do not fit,
 * the last block says "…and N more" in the reader's language instead of failing.
 */
export function listBlocks(items: readonly string[], maxBlocks: number, locale: Locale): Block[] {
  if (items.length === 0 || maxBlocks <= 0) return [];
  const all = packLines(items);
  if (all.length <= maxBlocks) return all.map(section);
  // Keep whole items that fit in maxBlocks - 1 sections, then say how many were left out.
  const kept: string[] = [];
  let used = 0;
  for (const item of items) {
    const trial = packLines([...kept, item]);
    if (trial.length > maxBlocks - 1) break;
    kept.push(item);
    used += 1;
  }
  return [...packLines(kept).map(section), context(esc(t(locale, 'chat.andMore', { n: items.length - used })))!];
}

/** Cuts a block list to the surface's maximum, ending with "…and N more" when something was dropped. */
export function fitBlocks(blocks: readonly (Block | undefined)[], max: number, locale: Locale): Block[] {
  const present = blocks.filter((b): b is Block => b !== undefined);
  if (present.length <= max) return present;
  // Buttons matter more than the tail of a list: a trailing actions block is kept.
  const last = present[present.length - 1]!;
  const tail = last.type === 'actions' ? [last] : [];
  const keep = present.slice(0, max - 1 - tail.length);
  const dropped = present.length - tail.length - keep.length;
  return [...keep, context(esc(t(locale, 'chat.andMore', { n: dropped })))!, ...tail];
}

/**
 * Notification text shown by clients that cannot render blocks; Slack recommends keeping it short.
 * Slack reads it as mrkdwn too (a name like `<!channel>` would ping everyone), so it is escaped, and
 * cut by whole characters so that no entity is split and the escaped text stays within `max`.
 */
export function fallbackText(text: string, max: number = LIMITS.sectionText): string {
  const escaped = esc(text || ' ');
  if (Array.from(escaped).length <= max) return escaped;
  let out = '';
  let used = 0;
  for (const ch of Array.from(text)) {
    const piece = esc(ch);
    if (used + piece.length > max - 1) break;
    out += piece;
    used += piece.length;
  }
  return `${out}…`;
}
