// Renders a team report as readable text in the team's language: members ranked with their KPI rows,
// then the collective objectives.
import type { Locale, Workspace } from '../core/domain/model.js';
import type { TeamReport } from '../core/domain/report.js';
import { t } from '../core/i18n/index.js';
import { formatDate, formatDateTime, formatNumber, formatPercent, formatValue } from '../core/i18n/format.js';
import { textTable } from './text-table.js';

function movement(locale: Locale, m: number | null, ranked: boolean): string {
  if (!ranked) return '';
  if (m === null) return t(locale, 'movement.new');
  if (m > 0) return t(locale, 'movement.up', { n: m });
  if (m < 0) return t(locale, 'movement.down', { n: -m });
  return t(locale, 'movement.same');
}

function status(locale: Locale, s: string | null): string {
  if (s === null) return t(locale, 'status.none');
  return t(locale, `status.${s}` as 'status.ok');
}

export function reportText(report: TeamReport, workspace: Workspace): string {
  const team = workspace.teams.find((x) => x.id === report.team)!;
  const locale = team.locale;
  const p = report.period;
  const kpiLabel = (id: string) => workspace.kpis[id]?.label[locale] ?? id;
  const unitOf = (id: string) => workspace.kpis[id]?.unit ?? { type: 'count' as const };
  const value = (id: string, v: number | null) => formatValue(locale, v, unitOf(id));
  const pct = (v: number | null) => (v === null ? t(locale, 'value.none') : formatPercent(locale, v));
  const names = new Map(team.members.map((m) => [m.id, m.name]));

  const out: string[] = [];
  out.push(`${t(locale, 'report.title', { team: team.name, period: p.key })} (${formatDate(locale, p.start)} – ${formatDate(locale, p.end)})`);
  out.push(`${t(locale, 'report.asOf', { date: formatDateTime(locale, p.asOf, team.timezone) })} · ${t(locale, 'report.workingDays', { elapsed: p.workingDaysElapsed, total: p.workingDays })}`);
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
        m.score === null ? t(locale, 'value.none') : formatPercent(locale, m.score),
        '', '', '', '', '', '',
      ]);
      for (const k of m.kpis) {
        rows.push([
          '', '', `  ${kpiLabel(k.kpi)}`, '',
          value(k.kpi, k.actual),
          `${k.comparator} ${value(k.kpi, k.target)}`,
          pct(k.attainment),
          k.projected === null ? t(locale, 'value.none') : `${value(k.kpi, k.projected)}${k.projectionMethod === 'current' ? '*' : ''}`,
          k.neededPerDay === null ? t(locale, 'value.none') : formatNumber(locale, k.neededPerDay, 2),
          status(locale, k.status),
        ]);
      }
    }
    out.push(
      textTable(
        [t(locale, 'report.col.rank'), '', t(locale, 'report.col.member'), t(locale, 'report.col.score'), t(locale, 'report.col.actual'), t(locale, 'report.col.target'), t(locale, 'report.col.attainment'), t(locale, 'report.col.projected'), t(locale, 'report.col.neededPerDay'), t(locale, 'report.col.status')],
        rows,
        ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      ),
    );
    out.push(`* ${t(locale, 'report.projectionCurrent')}`);
  }
  if (report.collective.length > 0) {
    out.push('');
    out.push(t(locale, 'report.collective'));
    out.push(
      textTable(
        [t(locale, 'report.col.kpi'), t(locale, 'report.col.actual'), t(locale, 'report.col.target'), t(locale, 'report.col.alert'), t(locale, 'report.col.attainment'), t(locale, 'report.col.projected'), t(locale, 'report.col.status'), t(locale, 'report.col.owner')],
        report.collective.map((c) => [
          `${c.objective} (${kpiLabel(c.kpi)})`,
          value(c.kpi, c.actual),
          value(c.kpi, c.target),
          value(c.kpi, c.alert),
          pct(c.attainment),
          c.projected === null ? t(locale, 'value.none') : value(c.kpi, c.projected),
          status(locale, c.status),
          names.get(c.owner) ?? c.owner,
        ]),
        ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
      ),
    );
  }
  return out.join('\n');
}
