// The "Change target" form of a QBR proposal: the new target (Input.Number, prefilled with the
// proposal) and an optional reason; server-side errors are shown under the fields.
import { t } from '../../core/i18n/index.js';
import type { TargetFormView } from '../../core/view-models.js';
import { numberValue } from './check-in.js';
import { type AdaptiveCard, type CardElement, card, execute, heading, SUBMIT_TARGET, text } from './common.js';

export function targetFormCard(v: TargetFormView): AdaptiveCard {
  const f = v.target;
  const value = numberValue(f.value);
  const err = (id: string): CardElement[] =>
    v.errors[id] ? [text(v.errors[id]!, { color: 'Attention', size: 'Small', spacing: 'None' })] : [];
  const general = Object.entries(v.errors).filter(([k]) => k !== 'target' && k !== 'reason');
  const body: CardElement[] = [
    heading(v.title),
    text(v.context),
    ...general.map(([, m]) => text(m, { color: 'Attention' })),
    {
      type: 'Input.Number',
      id: 'target',
      label: f.unitHint ? `${f.label} (${f.unitHint})` : f.label,
      min: f.min,
      max: f.max,
      isRequired: f.required,
      errorMessage: t(v.locale, 'chat.input.numberRange', { min: f.min, max: f.max }),
      ...(value !== undefined ? { value } : {}),
    },
    ...err('target'),
    { type: 'Input.Text', id: 'reason', label: v.reasonLabel, isMultiline: true, maxLength: v.maxLength },
    ...err('reason'),
  ];
  return card(body, [execute(v.submitLabel, SUBMIT_TARGET, v.metadata, 'primary')], v.text);
}
