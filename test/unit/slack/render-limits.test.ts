// Every neutral view, rendered for a 40-member team filled to the brim, stays within Block Kit limits
// on every surface it can appear on (message, modal, App Home), and long lists end in "…and N more"
// in the reader's language rather than failing.
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/core/domain/model.js';
import type { View } from '../../../src/core/view-models.js';
import { blockKitProblems, viewProblems } from '../../../src/slack/blocks/limits.js';
import { renderHome, renderMessage, renderModal } from '../../../src/slack/blocks/render.js';
import { bigTeamViews } from './big-team-views.js';

const cases: [Locale, View][] = (['en', 'fr'] as const).flatMap((l) =>
  bigTeamViews(l).map((v): [Locale, View] => [l, v]),
);

describe('Block Kit limits for a 40-member team', () => {
  it('covers every view type', () => {
    expect(new Set(cases.map(([, v]) => v.type)).size).toBe(16);
  });

  it.each(cases.map(([l, v]) => [`${v.type} (${l})`, v] as const))('%s renders as a valid message', (_name, view) => {
    const msg = renderMessage(view);
    expect(blockKitProblems(msg.blocks, 'message')).toEqual([]);
    expect(msg.text.length).toBeLessThanOrEqual(3000);
    expect(msg.blocks.length).toBeGreaterThan(0);
  });

  it.each(cases.map(([l, v]) => [`${v.type} (${l})`, v] as const))('%s renders as a valid modal', (_name, view) => {
    expect(viewProblems(renderModal(view, { channel: 'D123', ts: '1700000000.000100' }))).toEqual([]);
  });

  it.each(
    cases
      .filter(([, v]) => v.type === 'my_goals' || v.type === 'notice')
      .map(([l, v]) => [`${v.type} (${l})`, v] as const),
  )('%s renders as a valid App Home', (_name, view) => {
    expect(viewProblems(renderHome(view as Parameters<typeof renderHome>[0]))).toEqual([]);
  });

  it('truncates long lists with "…and N more" in the reader\'s language', () => {
    const en = JSON.stringify(renderMessage(bigTeamViews('en').find((v) => v.type === 'standup_summary')!).blocks);
    const fr = JSON.stringify(renderMessage(bigTeamViews('fr').find((v) => v.type === 'standup_summary')!).blocks);
    expect(en).toMatch(/…and \d+ more/);
    expect(fr).toMatch(/…et \d+ de plus/);
  });

  it('keeps the buttons of a message when its body is cut', () => {
    const review = renderMessage(bigTeamViews('en').find((v) => v.type === 'monthly_review')!);
    expect(review.blocks.at(-1)!.type).toBe('actions');
    expect(review.blocks).toHaveLength(50);
  });

  it('shows a 40-row leaderboard whole, within one message', () => {
    const lb = renderMessage(bigTeamViews('en').find((v) => v.type === 'leaderboard')!);
    const text = JSON.stringify(lb.blocks);
    expect(text).toContain('Member 40');
    expect(text).not.toMatch(/and \d+ more/);
  });

  it('gives the check-in modal one input per KPI field, block ids = field ids, values prefilled', () => {
    const form = bigTeamViews('fr').find((v) => v.type === 'checkin_form')!;
    const modal = renderModal(form);
    const inputs = modal.blocks.filter((b) => b.type === 'input') as {
      block_id: string;
      element: { initial_value?: string };
    }[];
    // A number_input: Slack takes the French prefill "12,5" with a decimal point.
    expect(inputs[0]).toMatchObject({
      block_id: 'kpi_0',
      element: { type: 'number_input', initial_value: '12.5', is_decimal_allowed: true },
    });
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
  });
});
