// Renders a team report as readable text in the team's language: members ranked with their KPI rows
// (the unranked with their reason), then the collective objectives. Figures are worded as in every chat
// view (kpi-line.ts): "≥ 200 %" where the cap applied, counts rounded, missing data named as such.
import type { Kpi, Locale, Workspace } from '../core/domain/model.js';
import type { TeamReport } from '../core/domain/report.js';
import { formatDate, formatDateTime, formatPercent } from '../core/i18n/format.js';
import { t } from '../core/i18n/index.js';
import { attainmentText, displayUnit, formatFigure, rowLabel, rowStatusText } from '../core/view-builders/kpi-line.js';
import { textTable } from './text-table.js';

function movement(locale: Locale, m: number | null, ranked: boolean): string {
  if (!ranked) return '';
  if (m === null) return t(locale, 'movement.new');
  if (m > 0) return t(locale, 'movement.up', { n: m });
  if (m < 0) return t(locale, 'movement.down', { n: -m });
  return t(locale, 'movement.same');
}

const PLAIN_KPI = (id: string): Kpi => ({
  id,
  label: { en: id, fr: id },
  unit: { type: 'count' },
  kind: 'activity',
  direction: 'higher',
  aggregation: 'sum',
  sources: [],
});

export function reportText(report: TeamReport, workspace: Workspace): string {
  const team = workspace.teams.find((x) => x.id === report.team)!;
  const locale = team.locale;
  const p = report.period;
  const kpiOf = (id: string) => workspace.kpis[id] ?? PLAIN_KPI(id);
  const none = t(locale, 'value.none');
  const names = new Map(team.members.map((m) => [m.id, m.name]));

  const out: string[] = [];
  out.push(
    `${t(locale, 'report.title', { team: team.name, period: p.key })} (${formatDate(locale, p.start)} – ${formatDate(locale, p.end)})`,
  );
  out.push(
    `${t(locale, 'report.asOf', { date: formatDateTime(locale, p.asOf, team.timezone) })} · ${t(locale, 'report.workingDays', { elapsed: p.workingDaysElapsed, total: p.workingDays })}`,
  );
  out.push('');
  out.push(t(locale, 'report.members'));
  if (report.members.length === 0) {
    out.push(t(locale, 'report.noMembers'));
  } else {
    const rows: string[][] = [];
    for (const m of report.members) {
      const ranked = m.rank !== null;
      rows.push([
        ranked ? `${m.rank}` : '',
        movement(locale, m.movement, ranked),
        names.get(m.id) ?? m.id,
        m.score === null ? none : formatPercent(locale, m.score),
        '',
        '',
        '',
        '',
        '',
        m.unrankedReason ? t(locale, `report.unranked.${m.unrankedReason}`) : '',
      ]);
      for (const k of m.kpis) {
        const kpi = kpiOf(k.kpi);
        const unit = displayUnit(kpi, k.currency);
        rows.push([
          '',
          '',
          `  ${rowLabel(locale, kpi, k)}`,
          '',
          k.dataState === 'ok' || k.dataState === 'no_data' ? formatFigure(locale, k.actual, unit, 'actual') : none,
          k.noTarget && k.target !== null
            ? t(locale, 'status.noTarget')
            : `${k.comparator} ${formatFigure(locale, k.target, unit, 'target')}`,
          attainmentText(locale, k.attainment, k.capped),
          k.projected === null
            ? none
            : `${formatFigure(locale, k.projected, unit, 'projection')}${k.projectionMethod === 'current' ? '*' : ''}`,
          k.neededPerDay === null
            ? none
            : `${formatFigure(locale, k.neededPerDay, unit, 'perDay')}${k.direction === 'lower' ? '†' : ''}`,
          rowStatusText(locale, k),
        ]);
      }
    }
    out.push(
      textTable(
        [
          t(locale, 'report.col.rank'),
          '',
          t(locale, 'report.col.member'),
          t(locale, 'report.col.score'),
          t(locale, 'report.col.actual'),
          t(locale, 'report.col.target'),
          t(locale, 'report.col.attainment'),
          t(locale, 'report.col.projected'),
          t(locale, 'report.col.neededPerDay'),
          t(locale, 'report.col.status'),
        ],
        rows,
        ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      ),
    );
    out.push(`* ${t(locale, 'report.projectionCurrent')} · † ${t(locale, 'report.allowanceNote')}`);
  }
  if (report.collective.length > 0) {
    out.push('');
    out.push(t(locale, 'report.collective'));
    out.push(
      textTable(
        [
          t(locale, 'report.col.kpi'),
          t(locale, 'report.col.actual'),
          t(locale, 'report.col.target'),
          t(locale, 'report.col.alert'),
          t(locale, 'report.col.attainment'),
          t(locale, 'report.col.projected'),
          t(locale, 'report.col.status'),
          t(locale, 'report.col.owner'),
        ],
        report.collective.map((c) => {
          const kpi = kpiOf(c.kpi);
          const unit = displayUnit(kpi, c.currency);
          return [
            `${c.objective} (${kpi.label[locale]})`,
            c.dataState === 'ok' || c.dataState === 'no_data' ? formatFigure(locale, c.actual, unit, 'actual') : none,
            formatFigure(locale, c.target, unit, 'target'),
            formatFigure(locale, c.alert, unit, 'target'),
            attainmentText(locale, c.attainment, c.capped),
            c.projected === null ? none : formatFigure(locale, c.projected, unit, 'projection'),
            rowStatusText(locale, c),
            names.get(c.owner) ?? c.owner,
          ];
        }),
        ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
      ),
    );
  }
  return out.join('\n');
}
