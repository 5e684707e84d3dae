// Breach messages as HTML: the nudge to the objective's owner and the escalation to a manager.
import type { BreachNudgeView, EscalationView } from '../../core/view-models.js';
import { html, type SafeHtml } from './html.js';
import { actionButtons, card, kpiLine, paragraph } from './parts.js';

export function renderBreachNudge(v: BreachNudgeView): SafeHtml {
  return card(
    'breach',
    v.title,
    html`${paragraph(v.body)}${kpiLine(v.line)}${paragraph(v.alertText, 'muted')}${actionButtons(v.actions)}`,
    'tone-bad',
  );
}

export function renderEscalation(v: EscalationView): SafeHtml {
  return card(
    'escalation',
    v.title,
    html`${paragraph(v.body)}${kpiLine(v.line)}<p class="muted">${v.ownerName} · ${v.sinceText}</p>${actionButtons(v.actions)}`,
    'tone-bad',
  );
}
