// "My goals" as HTML: the member's objectives, rank and next ritual; a manager's team summary under it.
import type { MyGoalsView } from '../../core/view-models.js';
import { html, type SafeHtml } from './html.js';
import { actionButtons, card, kpiLines, paragraph } from './parts.js';
import { renderStandup, type StandupLabels } from './standup.js';

export function renderMyGoals(v: MyGoalsView, labels: StandupLabels): SafeHtml {
  return card(
    'my-goals',
    v.title,
    html`${paragraph(v.periodLabel, 'muted')}${paragraph(v.rankText, 'big')}${kpiLines(v.lines)}${paragraph(v.nextRitualText, 'muted')}
${v.team ? renderStandup(v.team, labels) : ''}${actionButtons(v.actions)}`,
  );
}
