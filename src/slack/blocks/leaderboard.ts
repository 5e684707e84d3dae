// Block Kit for the team leaderboard post (rank, score, movement, reactions tally) and the private
// "your rank" message that follows it.
import type { LeaderboardRow, LeaderboardView, MyRankView } from '../../core/view-models.js';
import { context, divider, esc, header, kpiLineText, listBlocks, section } from './common.js';
import { type Block, LIMITS } from './limits.js';

const MEDALS: Readonly<Record<number, string>> = {
  1: ':first_place_medal:',
  2: ':second_place_medal:',
  3: ':third_place_medal:',
};

function rowText(r: LeaderboardRow): string {
  const rank = MEDALS[r.rank] ?? `*${r.rank}.*`;
  const movement = r.movementText ? `  _${esc(r.movementText)}_` : '';
  return `${rank} ${esc(r.name)} — ${esc(r.scoreText)}${movement}`;
}

export function leaderboardBlocks(v: LeaderboardView): Block[] {
  const tail = [
    v.moreCount > 0 && v.moreText ? context(esc(v.moreText)) : undefined,
    v.unrankedText ? context(esc(v.unrankedText)) : undefined,
    v.reactionsText ? context(esc(v.reactionsText)) : undefined,
    context(esc(v.footer)),
  ].filter((b): b is Block => b !== undefined);
  const budget = LIMITS.blocks.message - 3 - tail.length;
  return [
    header(v.title),
    context(esc(v.periodLabel)),
    divider(),
    ...listBlocks(v.rows.map(rowText), budget, v.locale),
    ...tail,
  ].filter((b): b is Block => b !== undefined);
}

export function myRankBlocks(v: MyRankView): Block[] {
  return [
    header(v.title),
    section(esc(v.rankText)),
    ...(v.lines.length > 0
      ? [divider(), ...listBlocks(v.lines.map(kpiLineText), LIMITS.blocks.message - 3, v.locale)]
      : []),
  ];
}
