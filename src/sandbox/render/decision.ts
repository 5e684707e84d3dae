// The "Record decision" form as an HTML dialog: a kind (decision, hypothesis, test, result) and a text.
import type { DecisionFormView } from '../../core/view-models.js';
import { fieldError, formButtons, formErrors, invalid } from './forms.js';
import { html, type SafeHtml } from './html.js';
import { paragraph } from './parts.js';

export function renderDecisionForm(v: DecisionFormView, formId: string): SafeHtml {
  const kinds = v.kinds.map(
    (k, i) =>
      html`<label class="choice"><input type="radio" name="kind" value="${k.value}"${i === 0 ? html` checked` : ''}> ${k.label}</label>`,
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
${formButtons(v.cancelLabel, v.submitLabel)}
</form>`;
}
