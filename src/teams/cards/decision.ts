// The "Record decision" form on a card: kind (decision, hypothesis, test, result) and text, submitted
// with the form's metadata; server-side errors are shown under the fields.
import { t } from '../../core/i18n/index.js';
import type { DecisionFormView } from '../../core/view-models.js';
import { type AdaptiveCard, type CardElement, card, execute, heading, SUBMIT_DECISION, text } from './common.js';

/** The kind and text inputs with their errors (also inside a review card, under its "Record a decision"). */
export function decisionInputs(v: DecisionFormView): CardElement[] {
  const L = v.locale;
  const err = (id: string): CardElement[] =>
    v.errors[id] ? [text(v.errors[id]!, { color: 'Attention', size: 'Small', spacing: 'None' })] : [];
  return [
    {
      type: 'Input.ChoiceSet',
      id: 'kind',
      label: t(L, 'chat.decisionKind'),
      isRequired: true,
      errorMessage: t(L, 'chat.input.required'),
      value: v.kinds[0]?.value ?? 'decision',
      choices: v.kinds.map((k) => ({ title: k.label, value: k.value })),
    },
    ...err('kind'),
    {
      type: 'Input.Text',
      id: 'text',
      label: v.textLabel,
      isMultiline: true,
      maxLength: v.maxLength,
      isRequired: true,
      errorMessage: t(L, 'chat.input.required'),
    },
    ...err('text'),
  ];
}

export function decisionFormCard(v: DecisionFormView): AdaptiveCard {
  const general = Object.entries(v.errors).filter(([k]) => k !== 'kind' && k !== 'text');
  const body: CardElement[] = [
    heading(v.title),
    ...(v.context ? [text(v.context)] : []),
    ...general.map(([, m]) => text(m, { color: 'Attention' })),
    ...decisionInputs(v),
  ];
  return card(body, [execute(v.submitLabel, SUBMIT_DECISION, v.metadata, 'primary')], v.text);
}
