// Parts of the sandbox's forms (check-in, "Record decision", target change) as HTML dialogs: the core's
// inline errors shown next to their fields and tied to them for screen readers (aria-invalid +
// aria-describedby), and the dialog's buttons. No browser-side validation: the core validates, as in
// Slack and Teams.
import { html, type SafeHtml } from './html.js';

export const errorId = (id: string) => `err-${id}`;

export function fieldError(errors: Readonly<Record<string, string>>, id: string): SafeHtml {
  const message = errors[id];
  return message
    ? html`<p class="field-error" id="${errorId(id)}" role="alert" data-error-for="${id}">${message}</p>`
    : html``;
}

/** The attributes that mark a field invalid and point at its message. */
export function invalid(errors: Readonly<Record<string, string>>, id: string): SafeHtml {
  return errors[id] ? html` aria-invalid="true" aria-describedby="${errorId(id)}"` : html``;
}

/** Errors whose key is not one of the form's fields, shown at the top. */
export function formErrors(errors: Readonly<Record<string, string>>, fieldIds: readonly string[]): SafeHtml {
  const other = Object.entries(errors).filter(([k]) => !fieldIds.includes(k));
  if (other.length === 0) return html``;
  return html`<div class="form-errors" role="alert">${other.map(([k, m]) => html`<p class="field-error" data-error-for="${k}">${m}</p>`)}</div>`;
}

export function formButtons(cancel: string, submit: string): SafeHtml {
  return html`<div class="form-buttons"><button type="button" class="btn" data-close-dialog>${cancel}</button><button type="submit" class="btn btn-primary">${submit}</button></div>`;
}
