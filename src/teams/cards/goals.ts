// "Where do I stand?": the member's objectives now, rank and next ritual; managers also get their
// team's stand-up summary below (split over several cards beyond 28 KB).
import { t } from '../../core/i18n/index.js';
import type { MyGoalsView } from '../../core/view-models.js';
import { buttons, type CardElement, heading, kpiLine, subtle, text } from './common.js';
import { packCards, partLabel } from './fit.js';
import { standupSections } from './standup.js';

export function myGoalsCards(v: MyGoalsView) {
  const groups: CardElement[][] = v.lines.map((l) => [kpiLine(l)]);
  const info: CardElement[] = [];
  if (v.rankText) info.push(text(v.rankText, { weight: 'Bolder', spacing: 'Medium' }));
  if (v.nextRitualText) info.push(subtle(v.nextRitualText));
  if (info.length > 0) groups.push(info);
  if (v.team) {
    const team = standupSections(v.team, false);
    groups.push([...team.head(1, 1), text(t(v.locale, 'chat.team'), { size: 'Small', isSubtle: true })]);
    groups.push(...team.groups);
  }
  return packCards({
    head: (part, total) => [heading(partLabel(v.title, part, total)), subtle(v.periodLabel)],
    groups,
    actions: buttons(v.actions),
    fallbackText: v.text,
  });
}
