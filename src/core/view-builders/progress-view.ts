// The collective-progress channel post: each collective objective of the team against its target and
// alert threshold, with projection and owner.

import type { CollectiveRow } from '../domain/collective-report.js';
import type { CollectiveObjective, Locale, Team, Workspace } from '../domain/model.js';
import { formatDate } from '../i18n/format.js';
import { t } from '../i18n/index.js';
import type { CollectiveProgressView, CollectiveRowView } from '../view-models.js';
import { collectiveKpiLine, displayUnit, formatFigure } from './kpi-line.js';

export interface CollectiveFigure {
  readonly objective: CollectiveObjective;
  readonly row: CollectiveRow;
  readonly periodEnd: string;
}

export function collectiveLabel(ws: Workspace, objective: CollectiveObjective, locale: Locale): string {
  return objective.label?.[locale] ?? ws.kpis[objective.kpi]?.label[locale] ?? objective.id;
}

export function collectiveRowView(
  ws: Workspace,
  team: Team,
  f: CollectiveFigure,
  locale: Locale,
): CollectiveRowView | undefined {
  const kpi = ws.kpis[f.objective.kpi];
  if (!kpi) return undefined;
  const label = collectiveLabel(ws, f.objective, locale);
  const owner = team.members.find((m) => m.id === f.objective.owner)?.name ?? f.objective.owner;
  return {
    objectiveId: f.objective.id,
    label,
    line: collectiveKpiLine(f.row, kpi, locale, f.periodEnd, label),
    // Worded like the line's target: rounded count, the team's currency.
    alertText: t(locale, 'progress.alert', {
      value: formatFigure(locale, f.row.alert, displayUnit(kpi, f.row.currency), 'target'),
    }),
    ownerName: owner,
  };
}

export function progressView(a: {
  ws: Workspace;
  team: Team;
  figures: readonly CollectiveFigure[];
  locale: Locale;
  asOfDate: string;
}): CollectiveProgressView {
  const { locale, team } = a;
  const rows = a.figures.flatMap((f) => {
    const r = collectiveRowView(a.ws, team, f, locale);
    return r ? [r] : [];
  });
  const title = t(locale, 'progress.title', { team: team.name });
  const periodLabel = t(locale, 'report.asOf', { date: formatDate(locale, a.asOfDate) });
  const summary = rows
    .map((r) => `${r.label}: ${r.line.actualText} / ${r.line.targetText} (${r.line.statusText})`)
    .join('; ');
  return {
    type: 'collective_progress',
    locale,
    text: rows.length ? `${title} — ${summary}` : `${title} — ${t(locale, 'progress.empty')}`,
    teamId: team.id,
    title,
    periodLabel,
    rows,
  };
}
