// The fields this round added to the views reach every layout: the leaderboard's unranked members and
// labelled reaction tally, and a breach nudge that is over (no button left) — on Slack, Teams and the
// sandbox page.
import { describe, expect, it } from 'vitest';
import type { BreachNudgeView, LeaderboardView } from '../../../src/core/view-models.js';
import { renderView } from '../../../src/sandbox/render/render.js';
import { breachNudgeBlocks } from '../../../src/slack/blocks/breach.js';
import { leaderboardBlocks } from '../../../src/slack/blocks/leaderboard.js';
import { breachNudgeCard } from '../../../src/teams/cards/breach.js';
import { leaderboardCards } from '../../../src/teams/cards/leaderboard.js';
import { checkCard } from '../../helpers/adaptive-card-check.js';

const board: LeaderboardView = {
  type: 'leaderboard',
  locale: 'en',
  text: 'Leaderboard',
  teamId: 'sales',
  title: 'Leaderboard Sales — Week 10',
  periodKey: '2026-W10',
  periodLabel: 'Week 10 (2 Mar – 8 Mar 2026)',
  rows: [{ rank: 1, memberId: 'sam', name: 'Sam', score: 1.2, scoreText: '120%', movement: null, movementText: '' }],
  moreCount: 0,
  reactions: [{ emoji: 'tada', count: 2 }],
  reactionsText: 'Reactions to the previous leaderboard: :tada: 2',
  reactionsLabel: 'Reactions to the previous leaderboard:',
  unranked: [{ memberId: 'lea', name: 'Léa', reasonText: 'out of office' }],
  unrankedText: 'Not ranked: Léa (out of office).',
  footer: 'Score = weighted attainment.',
};

const line = {
  kpi: 'meetings',
  label: 'Meetings',
  actualText: '66',
  targetText: '40',
  attainment: 1,
  attainmentText: '100%',
  progress: 1,
  status: 'ok' as const,
  statusText: 'OK',
  tone: 'good' as const,
};
const recovered: BreachNudgeView = {
  type: 'breach_nudge',
  locale: 'en',
  text: 'Back within its alert threshold: Meetings',
  breachId: 1,
  title: 'Back within its alert threshold: Meetings',
  body: 'Recovered on 5 Mar 2026, 12:00: for Paris, the figure is now 66, within its alert threshold of 30. No action needed.',
  line,
  alertText: 'Alert threshold: 30',
  actions: [],
};

describe('new view fields in every layout', () => {
  it('leaderboard: the unranked and the labelled tally', () => {
    const slack = JSON.stringify(leaderboardBlocks(board));
    expect(slack).toContain('Not ranked: Léa (out of office).');
    expect(slack).toContain('Reactions to the previous leaderboard: :tada: 2');
    const cards = leaderboardCards(board);
    expect(cards.every((c) => checkCard(c).events.length === 0)).toBe(true);
    expect(JSON.stringify(cards)).toContain('Not ranked: Léa (out of office).');
    const html = String(renderView(board, {} as never));
    expect(html).toContain('Not ranked: Léa (out of office).');
    expect(html).toContain('<span class="reactions-label">Reactions to the previous leaderboard:</span>');
  });

  it('a breach that is over: its text, and no button anywhere', () => {
    const blocks = breachNudgeBlocks(recovered);
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('No action needed.');
    const card = breachNudgeCard(recovered);
    expect(checkCard(card).events).toEqual([]);
    expect('actions' in card).toBe(false);
    expect(String(renderView(recovered, {} as never))).not.toContain('data-action=');
  });
});
