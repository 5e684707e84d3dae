// Check-in messages as HTML: the weekly prompt, reminders and the confirmation with attainment.
import type { CheckInConfirmationView, CheckInPromptView, ReminderView } from '../../core/view-models.js';
import { html, type SafeHtml } from './html.js';
import { actionButtons, card, kpiLines, paragraph } from './parts.js';

export function renderCheckInPrompt(v: CheckInPromptView): SafeHtml {
  return card(
    'checkin-prompt',
    v.title,
    html`${paragraph(v.intro)}${paragraph(v.deadlineText, 'muted')}${kpiLines(v.lastPeriod)}${actionButtons(v.actions)}`,
  );
}

export function renderReminder(v: ReminderView): SafeHtml {
  return card('reminder', v.title, html`${paragraph(v.body)}${paragraph(v.deadlineText, 'muted')}${actionButtons(v.actions)}`, 'tone-warning');
}

export function renderCheckInConfirmation(v: CheckInConfirmationView): SafeHtml {
  return card(
    'checkin-confirmation',
    v.title,
    html`${paragraph(v.periodLabel, 'muted')}${kpiLines(v.lines)}${paragraph(v.submittedText, 'muted')}${v.editable ? actionButtons(v.actions) : ''}`,
    'tone-good',
  );
}
