// Leaderboard posts (a ranked table with movement) and the private "your rank" message.
import type { LeaderboardRow, LeaderboardView, MyRankView } from '../../core/view-models.js';
import { emojiGlyph } from './emoji.js';
import { html, type SafeHtml } from './html.js';
import { card, kpiLines, paragraph } from './parts.js';

function movementClass(m: number | null): string {
  if (m === null) return 'move-new';
  return m > 0 ? 'move-up' : m < 0 ? 'move-down' : 'move-same';
}

function row(r: LeaderboardRow): SafeHtml {
  return html`<tr data-member="${r.memberId}"><td class="rank">${r.rank}</td><td class="name">${r.name}</td><td class="score">${r.scoreText}</td><td class="move ${movementClass(r.movement)}">${r.movementText}</td></tr>`;
}

export function renderLeaderboard(v: LeaderboardView): SafeHtml {
  const previous =
    v.reactions.length > 0
      ? html`<p class="muted prev-reactions">${v.reactionsLabel ? html`<span class="reactions-label">${v.reactionsLabel}</span> ` : ''}${v.reactions.map((r) => html`<span class="chip">${emojiGlyph(r.emoji)} ${r.count}</span> `)}</p>`
      : paragraph(v.reactionsText, 'muted');
  return card(
    'leaderboard',
    v.title,
    html`${paragraph(v.periodLabel, 'muted')}
<table class="board"><tbody>${v.rows.map(row)}</tbody></table>
${v.moreCount > 0 ? paragraph(v.moreText, 'muted') : ''}
${paragraph(v.unrankedText, 'muted unranked')}
${previous}
${paragraph(v.footer, 'muted small')}`,
  );
}

export function renderMyRank(v: MyRankView): SafeHtml {
  return card('my-rank', v.title, html`${paragraph(v.rankText, 'big')}${kpiLines(v.lines)}`);
}
