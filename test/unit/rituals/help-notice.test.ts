// The help is a list, one command per line, in English and French, and every adapter lays it out as one.
import { describe, expect, it } from 'vitest';
import { helpNotice } from '../../../src/core/view-builders/help-view.js';
import { renderView } from '../../../src/sandbox/render/render.js';
import { noticeBlocks } from '../../../src/slack/blocks/notice.js';
import { noticeCard } from '../../../src/teams/cards/notice.js';

describe('help', () => {
  it('lists one command per line, in both languages', () => {
    const en = helpNotice('en', '2026-11-18');
    expect(en.items?.[0]).toBe('checkin — fill in your open check-in');
    expect(en.items?.[1]).toBe('checkin next — answer the coming check-in early');
    expect(en.items).toHaveLength(9);
    expect(en.body).toBe(en.items!.join('\n'));
    const fr = helpNotice('fr', '2026-11-18');
    expect(fr.items?.[1]).toBe('pointage suivant — répondre en avance au prochain point');
    expect(fr.items).toHaveLength(9);
    expect(en.items!.every((line) => line.includes(' — '))).toBe(true);
    expect(fr.items!.every((line) => line.includes(' — '))).toBe(true);
  });

  it('is a list on Slack, Teams and the sandbox', () => {
    const v = helpNotice('en', '2026-11-18');
    const slack = JSON.stringify(noticeBlocks(v));
    expect(slack).toContain('• checkin — fill in your open check-in\\n• checkin next');
    const teams = noticeCard(v)
      .body.filter((e) => e.type === 'TextBlock')
      .map((e) => (e as unknown as { text: string }).text);
    expect(teams.slice(1, 3)).toEqual([
      '• checkin — fill in your open check-in',
      '• checkin next — answer the coming check-in early',
    ]);
    const html = String(renderView(v, {} as never));
    expect(html.match(/<li>/g)).toHaveLength(9);
  });
});
