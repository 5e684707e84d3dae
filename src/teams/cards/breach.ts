// Breach nudges (Acknowledge / Snooze / Record decision) and their escalation to the managers.
import type { BreachNudgeView, EscalationView } from '../../core/view-models.js';
import { type AdaptiveCard, buttons, card, heading, kpiLine, subtle, text } from './common.js';

export function breachNudgeCard(v: BreachNudgeView): AdaptiveCard {
  return card(
    [heading(v.title), text(v.body), kpiLine(v.line), text(v.alertText, { color: 'Attention', size: 'Small' })],
    buttons(v.actions),
    v.text,
  );
}

export function escalationCard(v: EscalationView): AdaptiveCard {
  return card(
    [heading(v.title), text(v.body), kpiLine(v.line), subtle(`${v.ownerName} · ${v.sinceText}`)],
    buttons(v.actions),
    v.text,
  );
}
