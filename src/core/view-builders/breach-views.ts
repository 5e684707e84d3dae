// The breach nudge sent to an objective's owner (Acknowledge / Snooze / Record decision), its states
// after a click, and the escalation sent to the team's managers.
import type { Locale, Team, Workspace } from '../domain/model.js';
import { formatDateTime, formatValue } from '../i18n/format.js';
import { t } from '../i18n/index.js';
import type { Breach } from '../ports/index.js';
import type { ActionButton, BreachNudgeView, EscalationView } from '../view-models.js';
import { collectiveKpiLine } from './kpi-line.js';
import { type CollectiveFigure, collectiveLabel } from './progress-view.js';

export const DEFAULT_SNOOZE_MINUTES = 24 * 60;

function breachActions(
  locale: Locale,
  breach: Breach,
  teamId: string,
  which: readonly ('ack' | 'snooze' | 'decision')[],
): ActionButton[] {
  const value = JSON.stringify({ breach: breach.id, team: teamId });
  const all: Record<'ack' | 'snooze' | 'decision', ActionButton> = {
    ack: { action: 'breach.acknowledge', label: t(locale, 'breach.action.ack'), value, style: 'primary' },
    snooze: {
      action: 'breach.snooze',
      label: t(locale, 'breach.action.snooze'),
      value: JSON.stringify({ breach: breach.id, team: teamId, minutes: DEFAULT_SNOOZE_MINUTES }),
    },
    decision: { action: 'breach.decision', label: t(locale, 'breach.action.decision'), value },
  };
  return which.map((w) => all[w]);
}

export interface BreachViewInput {
  readonly ws: Workspace;
  readonly team: Team;
  readonly figure: CollectiveFigure;
  readonly breach: Breach;
  readonly locale: Locale;
  /** Zone of the recipient, for times. */
  readonly zone: string;
  /** The acknowledger's or snoozer's name, for the updated view. */
  readonly byName?: string;
  /** The breach is over: back within the threshold (at that instant), or its period ended. */
  readonly ended?:
    | { readonly kind: 'recovered'; readonly at: string }
    | { readonly kind: 'period_ended'; readonly periodLabel: string };
}

export function breachNudgeView(a: BreachViewInput): BreachNudgeView {
  const { locale, breach } = a;
  const kpi = a.ws.kpis[a.figure.objective.kpi]!;
  const label = collectiveLabel(a.ws, a.figure.objective, locale);
  const line = collectiveKpiLine(a.figure.row, kpi, locale, a.figure.periodEnd, label);
  const alertText = t(locale, 'progress.alert', { value: formatValue(locale, a.figure.row.alert, kpi.unit) });
  const figure = a.figure.row.projectionMethod === 'pace' ? a.figure.row.projected : a.figure.row.actual;
  const values = {
    team: a.team.name,
    value: formatValue(locale, figure, kpi.unit),
    alert: formatValue(locale, a.figure.row.alert, kpi.unit),
  };
  const { title, body, actions } = a.ended ? endedNudge(a, a.ended, label, values) : openNudge(a, label, values);
  return {
    type: 'breach_nudge',
    locale,
    text: `${title} — ${body}`,
    breachId: breach.id,
    title,
    body,
    line,
    alertText,
    actions,
  };
}

type NudgeValues = { readonly team: string; readonly value: string; readonly alert: string };
type NudgeText = { readonly title: string; readonly body: string; readonly actions: BreachNudgeView['actions'] };

/** The nudge once the alert is over (updated in place): what happened, and no button left to press. */
function endedNudge(
  a: BreachViewInput,
  ended: NonNullable<BreachViewInput['ended']>,
  label: string,
  values: NudgeValues,
): NudgeText {
  const { locale } = a;
  if (ended.kind === 'recovered') {
    const body = t(locale, 'breach.recovered', { ...values, when: formatDateTime(locale, ended.at, a.zone) });
    return { title: t(locale, 'breach.recoveredTitle', { label }), body, actions: [] };
  }
  const body = t(locale, 'breach.periodEnded', { period: ended.periodLabel });
  return { title: t(locale, 'breach.title', { label }), body, actions: [] };
}

/** The open nudge: below (or above) the threshold, with what was done about it so far and what is left to do. */
function openNudge(a: BreachViewInput, label: string, values: NudgeValues): NudgeText {
  const { locale, breach } = a;
  const kpi = a.ws.kpis[a.figure.objective.kpi]!;
  const title = t(locale, 'breach.title', { label });
  // "below" a higher-is-better threshold, "above" a lower-is-better one.
  const key =
    a.figure.row.projectionMethod === 'pace'
      ? (`breach.bodyProjected.${kpi.direction}` as const)
      : (`breach.body.${kpi.direction}` as const);
  let body = t(locale, key, values);
  let actions = breachActions(locale, breach, a.team.id, ['ack', 'snooze', 'decision']);
  if (breach.state === 'acknowledged') {
    body += `\n${t(locale, 'breach.acknowledged', { name: a.byName ?? breach.acknowledgedBy ?? '', when: formatDateTime(locale, breach.acknowledgedAt ?? '', a.zone) })}`;
    actions = breachActions(locale, breach, a.team.id, ['decision']);
  } else if (breach.state === 'snoozed' && breach.snoozedUntil) {
    body += `\n${t(locale, 'breach.snoozed', { when: formatDateTime(locale, breach.snoozedUntil, a.zone) })}`;
    actions = breachActions(locale, breach, a.team.id, ['ack', 'decision']);
  }
  return { title, body, actions };
}

export function escalationView(a: BreachViewInput & { ownerName: string }): EscalationView {
  const { locale, breach } = a;
  const kpi = a.ws.kpis[a.figure.objective.kpi]!;
  const label = collectiveLabel(a.ws, a.figure.objective, locale);
  const line = collectiveKpiLine(a.figure.row, kpi, locale, a.figure.periodEnd, label);
  const sinceText = t(locale, 'escalation.since', { when: formatDateTime(locale, breach.enteredAt, a.zone) });
  const title = t(locale, 'escalation.title', { label });
  const body = t(locale, 'escalation.body', { owner: a.ownerName, team: a.team.name });
  return {
    type: 'escalation',
    locale,
    text: `${title} — ${body}`,
    breachId: breach.id,
    title,
    body,
    line,
    ownerName: a.ownerName,
    sinceText,
    actions: breachActions(locale, breach, a.team.id, ['ack', 'decision']),
  };
}
