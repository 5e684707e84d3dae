// Reviews as HTML: the monthly review and the QBR (proposals, decisions), each with its charts.
import type { ChartRef, MonthlyReviewView, QbrView, ReviewSection } from '../../core/view-models.js';
import { html, type SafeHtml } from './html.js';
import { actionButtons, bulletList, card, kpiLines, paragraph } from './parts.js';

function section(s: ReviewSection): SafeHtml {
  return html`<section class="review-section"><div class="subhead">${s.heading}</div>${kpiLines(s.lines)}${bulletList(s.notes, 'notes')}</section>`;
}

/** `chartUrl` is set when the process can render the chart as an image; otherwise its alt text shows. */
function charts(refs: readonly ChartRef[], chartUrl?: (id: string) => string | undefined): SafeHtml {
  if (refs.length === 0) return html``;
  return html`<div class="charts">${refs.map((c) => {
    const url = chartUrl?.(c.id);
    return url
      ? html`<figure class="chart"><img src="${url}" alt="${c.altText}" loading="lazy"><figcaption>${c.title}</figcaption></figure>`
      : html`<figure class="chart chart-alt"><figcaption><b>${c.title}</b></figcaption><p class="muted small">${c.altText}</p></figure>`;
  })}</div>`;
}

export function renderMonthlyReview(v: MonthlyReviewView, chartUrl?: (id: string) => string | undefined): SafeHtml {
  return card(
    'review',
    v.title,
    html`${paragraph(v.periodLabel, 'muted')}${v.sections.map(section)}${charts(v.charts, chartUrl)}${actionButtons(v.actions)}`,
  );
}

export function renderQbr(v: QbrView, chartUrl?: (id: string) => string | undefined): SafeHtml {
  const proposals =
    v.proposals.length === 0
      ? html``
      : html`<table class="proposals"><tbody>${v.proposals.map(
          (p) =>
            html`<tr data-objective="${p.objectiveId}"><td>${p.label}</td><td class="muted">${p.currentText}</td><td><b>${p.proposedText}</b></td><td class="muted small">${p.rationale}</td></tr>`,
        )}</tbody></table>`;
  const decisions =
    v.decisions.length === 0
      ? html``
      : html`<ul class="decisions">${v.decisions.map((d) => html`<li>${d.text} <span class="muted">— ${d.author}, ${d.statusText}</span></li>`)}</ul>`;
  return card(
    'qbr',
    v.title,
    html`${paragraph(v.periodLabel, 'muted')}${v.sections.map(section)}${proposals}${decisions}${charts(v.charts, chartUrl)}${actionButtons(v.actions)}`,
  );
}
