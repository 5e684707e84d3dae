// The leaderboard channel post (rank, name, score, movement), split over several cards beyond 28 KB,
// and the private "your rank" message sent next to it.
import type { LeaderboardRow, LeaderboardView, MyRankView } from '../../core/view-models.js';
import { type AdaptiveCard, type CardElement, card, heading, kpiLine, subtle, text } from './common.js';
import { packCards, partLabel } from './fit.js';

function movementColor(m: number | null): 'Good' | 'Attention' | 'Default' | 'Accent' {
  if (m === null) return 'Accent';
  return m > 0 ? 'Good' : m < 0 ? 'Attention' : 'Default';
}

function row(r: LeaderboardRow): CardElement {
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: '40px', items: [text(`${r.rank}.`, { weight: 'Bolder' })] },
      { type: 'Column', width: 'stretch', items: [text(r.name)] },
      { type: 'Column', width: 'auto', items: [text(r.scoreText, { weight: 'Bolder' })] },
      {
        type: 'Column',
        width: '60px',
        items: [text(r.movementText, { color: movementColor(r.movement), horizontalAlignment: 'Right' })],
      },
    ],
  };
}

export function leaderboardCards(v: LeaderboardView): AdaptiveCard[] {
  const tail: CardElement[] = [];
  if (v.moreText) tail.push(subtle(v.moreText));
  if (v.unrankedText) tail.push(subtle(v.unrankedText));
  if (v.reactionsText) tail.push(text(v.reactionsText, { size: 'Small', spacing: 'Medium' }));
  tail.push(subtle(v.footer));
  return packCards({
    head: (part, total) => [heading(partLabel(v.title, part, total)), subtle(v.periodLabel)],
    groups: v.rows.map((r) => [row(r)]),
    tail,
    fallbackText: v.text,
  });
}

export function myRankCard(v: MyRankView): AdaptiveCard {
  return card(
    [heading(v.title), text(v.rankText, { size: 'Medium', weight: 'Bolder' }), ...v.lines.map((l) => kpiLine(l))],
    [],
    v.text,
  );
}
