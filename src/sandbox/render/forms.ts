// The forms (check-in, "Record decision", target change) as HTML dialogs, with the core's inline errors
// shown next to their fields and tied to them for screen readers (aria-invalid + aria-describedby). No
// browser-side validation: the core validates, as in Slack and Teams.
import type { CheckInFormView, DecisionFormView, TargetFormView } from '../../core/view-models.js';
import { html, type SafeHtml } from './html.js';
import { paragraph } from './parts.js';

const errorId = (id: string) => `err-${id}`;

function fieldError(errors: Readonly<Record<string, string>>, id: string): SafeHtml {
  const message = errors[id];
  return message ? html`<p class="field-error" id="${errorId(id)}" role="alert" data-error-for="${id}">${message}</p>` : html``;
}

/** The attributes that mark a field invalid and point at its message. */
function invalid(errors: Readonly<Record<string, string>>, id: string): SafeHtml {
  return errors[id] ? html` aria-invalid="true" aria-describedby="${errorId(id)}"` : html``;
}

/** Errors whose key is not one of the form's fields, shown at the top. */
function formErrors(errors: Readonly<Record<string, string>>, fieldIds: readonly string[]): SafeHtml {
  const other = Object.entries(errors).filter(([k]) => !fieldIds.includes(k));
  if (other.length === 0) return html``;
  return html`<div class="form-errors" role="alert">${other.map(([k, m]) => html`<p class="field-error" data-error-for="${k}">${m}</p>`)}</div>`;
}

function buttons(cancel: string, submit: string): SafeHtml {
  return html`<div class="form-buttons"><button type="button" class="btn" data-close-dialog>${cancel}</button><button type="submit" class="btn btn-primary">${submit}</button></div>`;
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
${buttons(v.cancelLabel, v.submitLabel)}
</form>`;
}

export function renderDecisionForm(v: DecisionFormView, formId: string): SafeHtml {
  const kinds = v.kinds.map(
    (k, i) => html`<label class="choice"><input type="radio" name="kind" value="${k.value}"${i === 0 ? html` checked` : ''}> ${k.label}</label>`,
  );
  return html`<form class="sb-form" data-form="decision" data-form-id="${formId}" novalidate>
<h2>${v.title}</h2>
${paragraph(v.context, 'muted')}
${formErrors(v.errors, ['kind', 'text'])}
<input type="hidden" name="metadata" value="${v.metadata}">
<div class="field${v.errors.kind ? ' has-error' : ''}"><div class="choices" role="radiogroup"${invalid(v.errors, 'kind')}>${kinds}</div>${fieldError(v.errors, 'kind')}</div>
<div class="field${v.errors.text ? ' has-error' : ''}">
  <label for="f-decision-text">${v.textLabel}</label>
  <textarea id="f-decision-text" name="text" rows="3" maxlength="${v.maxLength}"${invalid(v.errors, 'text')}></textarea>
  ${fieldError(v.errors, 'text')}
</div>
${buttons(v.cancelLabel, v.submitLabel)}
</form>`;
}

export function renderTargetForm(v: TargetFormView, formId: string): SafeHtml {
  const f = v.target;
  return html`<form class="sb-form" data-form="target" data-form-id="${formId}" novalidate>
<h2>${v.title}</h2>
${paragraph(v.context, 'muted')}
${formErrors(v.errors, ['target', 'reason'])}
<input type="hidden" name="metadata" value="${v.metadata}">
<div class="field${v.errors.target ? ' has-error' : ''}">
  <label for="f-target">${f.label} <span class="unit muted">${f.unitHint}</span></label>
  <input id="f-target" name="target" type="text" inputmode="decimal" autocomplete="off" value="${f.value ?? ''}"${invalid(v.errors, 'target')}>
  ${fieldError(v.errors, 'target')}
</div>
<div class="field${v.errors.reason ? ' has-error' : ''}">
  <label for="f-reason">${v.reasonLabel}</label>
  <textarea id="f-reason" name="reason" rows="2" maxlength="${v.maxLength}"${invalid(v.errors, 'reason')}></textarea>
  ${fieldError(v.errors, 'reason')}
</div>
${buttons(v.cancelLabel, v.submitLabel)}
</form>`;
}
