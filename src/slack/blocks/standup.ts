// Block Kit for the manager's stand-up summary: completion, who is missing, totals vs targets, at-risk
// goals, breaches, blockers and wins. Also embedded in a manager's App Home.
import { t } from '../../core/i18n/index.js';
import type { StandupSummaryView } from '../../core/view-models.js';
import { bar, context, divider, esc, header, kpiLineText, listBlocks, section } from './common.js';
import { type Block, LIMITS } from './limits.js';

/** The summary's blocks, at most `maxBlocks` (lists are truncated with "…and N more"). */
export function standupBlocks(
  v: StandupSummaryView,
  maxBlocks: number = LIMITS.blocks.message,
  withHeader = true,
): Block[] {
  const L = v.locale;
  const groups: { heading: string; items: string[] }[] = [
    { heading: t(L, 'chat.standup.missing'), items: v.missing.length > 0 ? [v.missing.map(esc).join(', ')] : [] },
    { heading: t(L, 'chat.standup.totals'), items: v.totals.map(kpiLineText) },
    { heading: t(L, 'chat.standup.atRisk'), items: v.atRisk.map((s) => `• ${esc(s)}`) },
    { heading: t(L, 'chat.standup.breaches'), items: v.breaches.map((s) => `• ${esc(s)}`) },
    { heading: t(L, 'chat.standup.blockers'), items: v.blockers.map((b) => `• *${esc(b.name)}*: ${esc(b.text)}`) },
    { heading: t(L, 'chat.standup.wins'), items: v.wins.map((w) => `• *${esc(w.name)}*: ${esc(w.text)}`) },
  ].filter((g) => g.items.length > 0);

  const top: Block[] = [
    ...(withHeader ? [header(v.title)] : []),
    context(esc(v.periodLabel))!,
    section(`${bar(v.completion)} ${esc(v.completionText)}`),
  ];
  const out = [...top];
  // Share the remaining blocks between the groups: each gets a heading, a divider and its items.
  let room = maxBlocks - top.length;
  groups.forEach((g, i) => {
    const groupsLeft = groups.length - i;
    const share = Math.floor(room / groupsLeft);
    if (share < 3) return;
    const body = listBlocks(g.items, share - 2, L);
    out.push(divider(), section(`*${esc(g.heading)}*`), ...body);
    room -= 2 + body.length;
  });
  return out;
}
