// The weekly check-in in Teams: the prompt (with the form inline when the view carries it), the form itself
// (Input.Number per KPI with min/max/required, wins and blockers, server errors under each field), the
// confirmation that replaces it, and the reminder.
import { t } from '../../core/i18n/index.js';
import type {
  CheckInConfirmationView,
  CheckInFormView,
  CheckInPromptView,
  ReminderView,
} from '../../core/view-models.js';
import {
  type AdaptiveCard,
  buttons,
  type CardElement,
  card,
  execute,
  heading,
  kpiLine,
  SUBMIT_CHECKIN,
  subtle,
  text,
} from './common.js';

/** "12,5" (as a French user types it) -> 12.5; anything else -> undefined (the input starts empty). */
export function numberValue(typed: string | undefined): number | undefined {
  if (typed === undefined) return undefined;
  const n = Number(typed.replace(/\s/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

function fieldError(message: string | undefined): CardElement[] {
  return message ? [text(message, { color: 'Attention', size: 'Small', spacing: 'None' })] : [];
}

/** The inputs and the submit button of a check-in form, to embed in a card. */
export function formElements(v: CheckInFormView): { body: CardElement[]; actions: ReturnType<typeof execute>[] } {
  const L = v.locale;
  const known = new Set([...v.numbers.map((n) => n.id), ...v.texts.map((x) => x.id)]);
  const general = Object.entries(v.errors).filter(([k]) => !known.has(k));
  const body: CardElement[] = general.map(([, msg]) => text(msg, { color: 'Attention' }));
  for (const f of v.numbers) {
    const value = numberValue(f.value);
    body.push({
      type: 'Input.Number',
      id: f.id,
      label: f.unitHint ? `${f.label} (${f.unitHint})` : f.label,
      min: f.min,
      max: f.max,
      isRequired: f.required,
      errorMessage: t(L, 'chat.input.numberRange', { min: f.min, max: f.max }),
      ...(value !== undefined ? { value } : {}),
    });
    body.push(...fieldError(v.errors[f.id]));
  }
  for (const f of v.texts) {
    body.push({
      type: 'Input.Text',
      id: f.id,
      label: f.label,
      placeholder: f.placeholder,
      isMultiline: true,
      maxLength: f.maxLength,
      ...(f.value ? { value: f.value } : {}),
    });
    body.push(...fieldError(v.errors[f.id]));
  }
  return { body, actions: [execute(v.submitLabel, SUBMIT_CHECKIN, v.metadata, 'primary')] };
}

export function checkInFormCard(v: CheckInFormView): AdaptiveCard {
  const form = formElements(v);
  return card([heading(v.title), subtle(v.periodLabel), ...form.body], form.actions, v.text);
}

/**
 * The prompt; with the form it carries, the inputs are on the card itself so the rep answers in one
 * step. A prompt stored without one (before prompts carried their form) shows its button.
 */
export function checkInPromptCard(v: CheckInPromptView): AdaptiveCard {
  const form = v.form?.type === 'checkin_form' ? v.form : undefined;
  const body: CardElement[] = [heading(v.title), text(v.intro), subtle(v.deadlineText)];
  // Where the rep stands, between a separator and the inputs (the title already names the period).
  for (const [i, l] of v.lastPeriod.entries())
    body.push(i === 0 ? { ...kpiLine(l, false), separator: true, spacing: 'Medium' } : kpiLine(l, false));
  if (!form) return card(body, buttons(v.actions), v.text);
  const f = formElements(form);
  const [first, ...rest] = f.body;
  return card(
    [...body, ...(first ? [{ ...first, separator: true, spacing: 'Medium' }, ...rest] : [])],
    f.actions,
    v.text,
  );
}

export function confirmationCard(v: CheckInConfirmationView): AdaptiveCard {
  const body: CardElement[] = [
    heading(v.title),
    subtle(v.periodLabel),
    ...v.lines.map((l) => kpiLine(l)),
    subtle(v.submittedText),
  ];
  return card(body, v.editable ? buttons(v.actions) : [], v.text);
}

export function reminderCard(v: ReminderView): AdaptiveCard {
  return card([heading(v.title), text(v.body), subtle(v.deadlineText)], buttons(v.actions), v.text);
}
