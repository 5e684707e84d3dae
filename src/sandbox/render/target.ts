// The "Change target" form of a QBR proposal as an HTML dialog: the new target and an optional reason.
import type { TargetFormView } from '../../core/view-models.js';
import { fieldError, formButtons, formErrors, invalid } from './forms.js';
import { html, type SafeHtml } from './html.js';
import { paragraph } from './parts.js';

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
${formButtons(v.cancelLabel, v.submitLabel)}
</form>`;
}
