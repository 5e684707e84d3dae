// Block Kit for "where do I stand?": the member's objectives with bars, projection and status, rank and
// next ritual; managers also get their team's summary. Used as a message and as the App Home tab.
import { t } from '../../core/i18n/index.js';
import type { MyGoalsView } from '../../core/view-models.js';
import { buttons, context, divider, esc, fitBlocks, header, kpiLineText, listBlocks, section } from './common.js';
import { type Block, LIMITS } from './limits.js';
import { standupBlocks } from './standup.js';

export function myGoalsBlocks(v: MyGoalsView, maxBlocks: number = LIMITS.blocks.message): Block[] {
  const top: Block[] = [
    header(v.title),
    context(
      esc(v.periodLabel),
      ...(v.rankText ? [esc(v.rankText)] : []),
      ...(v.nextRitualText ? [esc(v.nextRitualText)] : []),
    )!,
  ];
  const actions = buttons(v.actions);
  // Own objectives first; the team summary takes what is left.
  const ownBudget = Math.max(1, Math.min(v.lines.length || 1, Math.floor((maxBlocks - 4) / (v.team ? 2 : 1))));
  const own = v.lines.length > 0 ? [divider(), ...listBlocks(v.lines.map(kpiLineText), ownBudget, v.locale)] : [];
  const used = top.length + own.length + (actions ? 1 : 0);
  const teamRoom = maxBlocks - used - 2;
  const team =
    v.team && teamRoom >= 5
      ? [
          divider(),
          section(`*${esc(t(v.locale, 'chat.team'))}: ${esc(v.team.title)}*`),
          ...standupBlocks(v.team, teamRoom, false),
        ]
      : [];
  return fitBlocks([...top, ...own, ...team, actions], maxBlocks, v.locale);
}
