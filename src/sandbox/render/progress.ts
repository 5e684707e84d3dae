// Collective progress as HTML: each team objective against its target, with its alert and owner.
import type { CollectiveProgressView } from '../../core/view-models.js';
import { html, type SafeHtml } from './html.js';
import { card, kpiLine, paragraph } from './parts.js';

export function renderCollectiveProgress(v: CollectiveProgressView): SafeHtml {
  const rows = v.rows.map(
    (r) => html`<div class="collective-row" data-objective="${r.objectiveId}">
  ${kpiLine(r.line, r.label)}
  <div class="muted small">${r.alertText} · ${r.ownerName}</div>
</div>`,
  );
  return card('progress', v.title, html`${paragraph(v.periodLabel, 'muted')}${rows}`);
}
