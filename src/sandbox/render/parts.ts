// Shared pieces of the sandbox's message cards: KPI lines with progress bars and status colours, action
// buttons, titled cards and simple lists. Every string comes from a neutral view and is escaped.
import type { ActionButton, KpiLine, Tone } from '../../core/view-models.js';
import { html, percentWidth, type SafeHtml } from './html.js';

const TONES: readonly Tone[] = ['good', 'warning', 'bad', 'neutral'];

/** A CSS class for a tone; anything unexpected is neutral. */
export function toneClass(tone: string | undefined): string {
  return `tone-${TONES.includes(tone as Tone) ? tone : 'neutral'}`;
}

export function progressBar(fraction: number, label: string, tone: string | undefined): SafeHtml {
  const width = percentWidth(fraction);
  const now = Math.round(parseFloat(width));
  return html`<div class="bar ${toneClass(tone)}" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${now}" aria-label="${label}"><span class="bar-fill" style="width:${width}"></span></div>`;
}

/** `heading` replaces the KPI's label (an objective's own name); the KPI label then shows beneath it when different. */
export function kpiLine(line: KpiLine, heading?: string): SafeHtml {
  const notes = [line.projectionText, line.neededText].filter((s): s is string => Boolean(s));
  const label = heading ?? line.label;
  return html`<div class="kpi ${toneClass(line.tone)}" data-kpi="${line.kpi}">
  <div class="kpi-head"><span class="kpi-label">${label}</span><span class="badge ${toneClass(line.tone)}">${line.statusText}</span></div>
  ${heading !== undefined && heading !== line.label ? html`<div class="kpi-sub muted small">${line.label}</div>` : ''}
  ${progressBar(line.progress, label, line.tone)}
  <div class="kpi-figures"><span class="kpi-actual">${line.actualText}</span> <span class="muted">/ ${line.targetText}</span> <span class="kpi-att">${line.attainmentText}</span></div>
  ${notes.length > 0 ? html`<div class="kpi-notes muted">${notes.join(' · ')}</div>` : ''}
</div>`;
}

export function kpiLines(lines: readonly KpiLine[]): SafeHtml {
  return lines.length === 0 ? html`` : html`<div class="kpis">${lines.map((l) => kpiLine(l))}</div>`;
}

export function actionButtons(actions: readonly ActionButton[]): SafeHtml {
  if (actions.length === 0) return html``;
  return html`<div class="actions">${actions.map(
    (a) =>
      html`<button type="button" class="btn${a.style ? ` btn-${a.style === 'danger' ? 'danger' : 'primary'}` : ''}" data-action="${a.action}" data-value="${a.value}">${a.label}</button>`,
  )}</div>`;
}

/** A message card: a title line, then the body. */
export function card(kind: string, title: string | undefined, body: SafeHtml, extraClass = ''): SafeHtml {
  return html`<div class="card card-${kind}${extraClass ? ` ${extraClass}` : ''}">${title ? html`<div class="card-title">${title}</div>` : ''}${body}</div>`;
}

export function bulletList(items: readonly string[], cls = ''): SafeHtml {
  if (items.length === 0) return html``;
  return html`<ul class="${cls}">${items.map((i) => html`<li>${i}</li>`)}</ul>`;
}

export function paragraph(text: string | undefined, cls = ''): SafeHtml {
  return text ? html`<p class="${cls}">${text}</p>` : html``;
}
