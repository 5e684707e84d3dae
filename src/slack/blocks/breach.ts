// Block Kit for breach follow-up DMs: the nudge to the owner and the escalation to the managers, each
// with Acknowledge / Snooze / Record decision buttons.
import type { BreachNudgeView, EscalationView } from '../../core/view-models.js';
import { buttons, context, esc, header, kpiLineText, section } from './common.js';
import type { Block } from './limits.js';

export function breachNudgeBlocks(v: BreachNudgeView): Block[] {
  return [
    header(v.title),
    section(esc(v.body)),
    section(kpiLineText(v.line)),
    context(esc(v.alertText)),
    buttons(v.actions),
  ].filter((b): b is Block => b !== undefined);
}

export function escalationBlocks(v: EscalationView): Block[] {
  return [
    header(v.title),
    section(esc(v.body)),
    section(kpiLineText(v.line)),
    context(esc(v.ownerName), esc(v.sinceText)),
    buttons(v.actions),
  ].filter((b): b is Block => b !== undefined);
}
