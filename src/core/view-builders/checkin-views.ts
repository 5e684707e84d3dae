// Views of the weekly check-in: the DM prompt, the reminders, the form and the confirmation that
// replaces the prompt once answered.
import type { Kpi, Locale } from '../domain/model.js';
import type { Period } from '../domain/periods.js';
import { formatDateTime, formatValue } from '../i18n/format.js';
import { t } from '../i18n/index.js';
import { boundsOf, TEXT_MAX_LENGTH, typedValue } from '../rituals/validate-check-in.js';
import type {
  ActionButton,
  CheckInConfirmationView,
  CheckInFormView,
  CheckInPromptView,
  KpiLine,
  ReminderView,
} from '../view-models.js';
import { periodLabel, unitHint } from './labels.js';

export function openButton(
  locale: Locale,
  periodKey: string,
  label: 'checkin.action.open' | 'checkin.action.edit' = 'checkin.action.open',
): ActionButton {
  return {
    action: 'checkin.open',
    label: t(locale, label),
    value: JSON.stringify({ period: periodKey }),
    style: 'primary',
  };
}

const deadlineText = (locale: Locale, deadline: Date, zone: string) =>
  t(locale, 'checkin.deadline', { when: formatDateTime(locale, deadline.toISOString(), zone) });

export function checkInPromptView(a: {
  locale: Locale;
  name: string;
  period: Period;
  deadline: Date;
  zone: string;
  lines: readonly KpiLine[];
  form?: CheckInFormView;
}): CheckInPromptView {
  const label = periodLabel(a.locale, a.period);
  const title = t(a.locale, 'checkin.prompt.title', { period: label });
  const intro = t(a.locale, 'checkin.prompt.intro', { name: a.name.split(' ')[0] ?? a.name });
  return {
    type: 'checkin_prompt',
    locale: a.locale,
    text: `${title} — ${intro}`,
    title,
    intro,
    periodKey: a.period.key,
    deadlineText: deadlineText(a.locale, a.deadline, a.zone),
    lastPeriod: [...a.lines],
    actions: [openButton(a.locale, a.period.key)],
    ...(a.form ? { form: a.form } : {}),
  };
}

export function reminderView(a: {
  locale: Locale;
  name: string;
  period: Period;
  deadline: Date;
  zone: string;
  last: boolean;
}): ReminderView {
  const label = periodLabel(a.locale, a.period);
  const title = t(a.locale, 'checkin.reminder.title');
  const body = t(a.locale, a.last ? 'checkin.reminder.lastBody' : 'checkin.reminder.body', {
    name: a.name.split(' ')[0] ?? a.name,
    period: label,
  });
  return {
    type: 'checkin_reminder',
    locale: a.locale,
    text: `${title} — ${body}`,
    title,
    body,
    deadlineText: deadlineText(a.locale, a.deadline, a.zone),
    actions: [openButton(a.locale, a.period.key)],
  };
}

export interface FormPrefill {
  readonly values?: Readonly<Record<string, number>>;
  /** As typed, when re-showing a form with errors. */
  readonly typed?: Readonly<Record<string, string>>;
  readonly wins?: string | null;
  readonly blockers?: string | null;
}

export function checkInFormView(a: {
  locale: Locale;
  memberId: string;
  period: Period;
  kpis: readonly Kpi[];
  prefill: FormPrefill;
  errors?: Readonly<Record<string, string>>;
  occurrenceKey: string;
  /** Values to confirm (KPI id -> stored value): echoed in the metadata. */
  confirm?: Readonly<Record<string, number>>;
}): CheckInFormView {
  const { locale } = a;
  const title = t(locale, 'checkin.form.title');
  const label = periodLabel(locale, a.period);
  return {
    type: 'checkin_form',
    locale,
    text: `${title} — ${label}`,
    title,
    submitLabel: t(locale, 'form.submit'),
    cancelLabel: t(locale, 'form.cancel'),
    memberId: a.memberId,
    periodKey: a.period.key,
    periodLabel: label,
    numbers: a.kpis.map((kpi) => {
      const bounds = boundsOf(kpi.unit);
      const typed = a.prefill.typed?.[kpi.id];
      const stored = a.prefill.values?.[kpi.id];
      const value = typed ?? (stored !== undefined ? typedValue(locale, kpi.unit, stored) : undefined);
      return {
        id: kpi.id,
        label: kpi.label[locale],
        unitHint: unitHint(locale, kpi.unit),
        min: bounds.min,
        max: bounds.max,
        whole: bounds.whole,
        ...(value !== undefined ? { value } : {}),
        required: true,
      };
    }),
    texts: (['wins', 'blockers'] as const).map((id) => {
      const value = a.prefill[id];
      return {
        id,
        label: t(locale, id === 'wins' ? 'checkin.form.wins' : 'checkin.form.blockers'),
        placeholder: t(locale, id === 'wins' ? 'checkin.form.winsPlaceholder' : 'checkin.form.blockersPlaceholder'),
        ...(value ? { value } : {}),
        maxLength: TEXT_MAX_LENGTH,
      };
    }),
    errors: { ...(a.errors ?? {}) },
    metadata: JSON.stringify({
      member: a.memberId,
      period: a.period.key,
      key: a.occurrenceKey,
      ...(a.confirm ? { confirm: a.confirm } : {}),
    }),
    ...(a.confirm ? { confirm: Object.keys(a.confirm) } : {}),
  };
}

export function confirmationView(a: {
  locale: Locale;
  period: Period;
  kpis: readonly Kpi[];
  values: Readonly<Record<string, number>>;
  submittedAt: Date;
  zone: string;
  lines: readonly KpiLine[];
  editable: boolean;
}): CheckInConfirmationView {
  const { locale } = a;
  const label = periodLabel(locale, a.period);
  const title = t(locale, 'checkin.confirm.title');
  const reported = a.kpis
    .filter((k) => a.values[k.id] !== undefined)
    .map((k) => `${k.label[locale]} ${formatValue(locale, a.values[k.id]!, k.unit)}`)
    .join(' · ');
  const submittedText = t(locale, 'checkin.confirm.submitted', {
    when: formatDateTime(locale, a.submittedAt.toISOString(), a.zone),
    values: reported,
  });
  return {
    type: 'checkin_confirmation',
    locale,
    text: `${title} — ${label}`,
    title,
    periodKey: a.period.key,
    periodLabel: label,
    lines: [...a.lines],
    submittedText,
    editable: a.editable,
    actions: a.editable ? [openButton(locale, a.period.key, 'checkin.action.edit')] : [],
  };
}
