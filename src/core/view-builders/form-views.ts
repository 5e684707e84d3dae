// The "Record decision" form (from a nudge, an escalation or a review) and the target form of a QBR
// proposal's "Change" button.
import type { Locale, Unit } from '../domain/model.js';
import { t } from '../i18n/index.js';
import { boundsOf, TEXT_MAX_LENGTH, typedValue } from '../rituals/validate-check-in.js';
import type { DecisionFormView, TargetFormView } from '../view-models.js';
import { unitHint } from './labels.js';

export const DECISION_KINDS = ['decision', 'hypothesis', 'test', 'result'] as const;

/** What every form of the bot has: its title (also the notification text with the context), buttons, context. */
function formFrame(locale: Locale, title: string, context: string) {
  return {
    locale,
    text: `${title} — ${context}`,
    title,
    submitLabel: t(locale, 'form.submit'),
    cancelLabel: t(locale, 'form.cancel'),
    context,
  };
}

export function decisionFormView(a: {
  locale: Locale;
  context: string;
  metadata: Record<string, unknown>;
  errors?: Record<string, string>;
}): DecisionFormView {
  const { locale } = a;
  return {
    type: 'decision_form',
    ...formFrame(locale, t(locale, 'decision.form.title'), a.context),
    kinds: DECISION_KINDS.map((value) => ({ value, label: t(locale, `decision.kind.${value}`) })),
    textLabel: t(locale, 'decision.form.text'),
    maxLength: TEXT_MAX_LENGTH,
    errors: { ...(a.errors ?? {}) },
    metadata: JSON.stringify(a.metadata),
  };
}

export function targetFormView(a: {
  locale: Locale;
  context: string;
  unit: Unit;
  proposed?: number;
  typed?: string;
  metadata: Record<string, unknown>;
  errors?: Record<string, string>;
}): TargetFormView {
  const { locale } = a;
  const bounds = boundsOf(a.unit);
  const value = a.typed ?? (a.proposed !== undefined ? typedValue(locale, a.unit, a.proposed) : undefined);
  return {
    type: 'target_form',
    ...formFrame(locale, t(locale, 'target.form.title'), a.context),
    target: {
      id: 'target',
      label: t(locale, 'target.form.value'),
      unitHint: unitHint(locale, a.unit),
      min: bounds.min,
      max: bounds.max,
      ...(value !== undefined ? { value } : {}),
      required: true,
    },
    reasonLabel: t(locale, 'target.form.reason'),
    maxLength: TEXT_MAX_LENGTH,
    errors: { ...(a.errors ?? {}) },
    metadata: JSON.stringify(a.metadata),
  };
}
