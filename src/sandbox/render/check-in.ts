// Check-in messages as HTML: the weekly prompt, reminders, the form (a dialog) and the confirmation
// with attainment.
import type {
  CheckInConfirmationView,
  CheckInFormView,
  CheckInPromptView,
  ReminderView,
} from '../../core/view-models.js';
import { fieldError, formButtons, formErrors, invalid } from './forms.js';
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
  return card(
    'reminder',
    v.title,
    html`${paragraph(v.body)}${paragraph(v.deadlineText, 'muted')}${actionButtons(v.actions)}`,
    'tone-warning',
  );
}

export function renderCheckInConfirmation(v: CheckInConfirmationView): SafeHtml {
  return card(
    'checkin-confirmation',
    v.title,
    html`${paragraph(v.periodLabel, 'muted')}${kpiLines(v.lines)}${paragraph(v.submittedText, 'muted')}${v.editable ? actionButtons(v.actions) : ''}`,
    'tone-good',
  );
}

export function renderCheckInForm(v: CheckInFormView, formId: string): SafeHtml {
  const ids = [...v.numbers.map((n) => n.id), ...v.texts.map((t) => t.id)];
  const numbers = v.numbers.map(
    (n) => html`<div class="field${v.errors[n.id] ? ' has-error' : ''}">
  <label for="f-${n.id}">${n.label} <span class="unit muted">${n.unitHint}</span></label>
  <input id="f-${n.id}" name="number:${n.id}" type="text" inputmode="decimal" autocomplete="off" value="${n.value ?? ''}"${invalid(v.errors, n.id)}>
  ${fieldError(v.errors, n.id)}
</div>`,
  );
  const texts = v.texts.map(
    (t) => html`<div class="field${v.errors[t.id] ? ' has-error' : ''}">
  <label for="f-${t.id}">${t.label}</label>
  <textarea id="f-${t.id}" name="text:${t.id}" rows="2" maxlength="${t.maxLength}" placeholder="${t.placeholder}"${invalid(v.errors, t.id)}>${t.value ?? ''}</textarea>
  ${fieldError(v.errors, t.id)}
</div>`,
  );
  return html`<form class="sb-form" data-form="checkin" data-form-id="${formId}" novalidate>
<h2>${v.title}</h2>
${paragraph(v.periodLabel, 'muted')}
${formErrors(v.errors, ids)}
<input type="hidden" name="metadata" value="${v.metadata}">
${numbers}${texts}
${formButtons(v.cancelLabel, v.submitLabel)}
</form>`;
}
