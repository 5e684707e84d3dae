// The stand-up summary as HTML: completion, who is missing, totals, risks, blockers and wins.
import type { StandupSummaryView } from '../../core/view-models.js';
import { html, type SafeHtml } from './html.js';
import { bulletList, card, kpiLines, paragraph, progressBar } from './parts.js';

function quotes(items: readonly { readonly name: string; readonly text: string }[], heading: string): SafeHtml {
  if (items.length === 0) return html``;
  return html`<div class="quotes"><div class="subhead">${heading}</div><ul>${items.map((i) => html`<li><b>${i.name}</b>: ${i.text}</li>`)}</ul></div>`;
}

/** Section headings are not in the view: the sandbox shows lists with their own labels from `labels`. */
export interface StandupLabels {
  readonly missing: string;
  readonly atRisk: string;
  readonly breaches: string;
  readonly blockers: string;
  readonly wins: string;
}

export function renderStandup(v: StandupSummaryView, labels: StandupLabels): SafeHtml {
  const list = (heading: string, items: readonly string[]) =>
    items.length === 0 ? html`` : html`<div class="subhead">${heading}</div>${bulletList(items)}`;
  return card(
    'standup',
    v.title,
    html`${paragraph(v.periodLabel, 'muted')}
<p>${v.completionText}</p>${progressBar(v.completion, v.completionText, v.completion >= 0.8 ? 'good' : v.completion >= 0.5 ? 'warning' : 'bad')}
${list(labels.missing, v.missing)}
${kpiLines(v.totals)}
${list(labels.atRisk, v.atRisk)}${list(labels.breaches, v.breaches)}
${quotes(v.blockers, labels.blockers)}${quotes(v.wins, labels.wins)}`,
  );
}
