// The manager's stand-up summary: who answered the check-in, team totals against targets, goals at risk,
// open breaches, and the blockers and wins written in the check-ins.
import type { Locale, Team } from '../domain/model.js';
import type { Period } from '../domain/periods.js';
import { formatPercent } from '../i18n/format.js';
import { t } from '../i18n/index.js';
import type { KpiLine, StandupSummaryView } from '../view-models.js';
import { periodLabel } from './labels.js';

export function standupView(a: {
  team: Team;
  locale: Locale;
  period: Period;
  done: number;
  expected: number;
  missing: readonly string[];
  totals: readonly KpiLine[];
  atRisk: readonly string[];
  breaches: readonly string[];
  blockers: readonly { name: string; text: string }[];
  wins: readonly { name: string; text: string }[];
}): StandupSummaryView {
  const { locale } = a;
  const completion = a.expected > 0 ? a.done / a.expected : 1;
  // "0 of 0 checked in" reads like a failure: with nobody expected (holidays, out of office), say so.
  const completionText =
    a.expected === 0
      ? t(locale, 'standup.noneExpected')
      : t(locale, 'standup.completion', { done: a.done, total: a.expected, pct: formatPercent(locale, completion, 0) });
  const title = t(locale, 'standup.title', { team: a.team.name });
  const label = periodLabel(locale, a.period);
  return {
    type: 'standup_summary',
    locale,
    text: `${title} — ${label} — ${completionText}`,
    teamId: a.team.id,
    title,
    periodLabel: label,
    completionText,
    completion,
    missing: [...a.missing],
    totals: [...a.totals],
    atRisk: [...a.atRisk],
    breaches: [...a.breaches],
    blockers: [...a.blockers],
    wins: [...a.wins],
  };
}
