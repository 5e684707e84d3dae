// Neutral views as plain text lines, for `rituals simulate`: the title, then the figures indented
// (KPI lines, ranks, collective rows, stand-up lists, review sections, buttons in brackets).
import type { ActionButton, KpiLine, ReviewSection, View } from '../../core/view-models.js';
import { isView } from '../../core/view-models.js';
import { isCrmImportNote } from '../crm-import.js';

const INDENT = '    ';

/** `heading` names the line instead of its KPI (a collective objective), the KPI following when different. */
export function kpiText(l: KpiLine, heading?: string): string {
  const extra = [l.projectionText, l.neededText].filter(Boolean).join('; ');
  const name = heading === undefined || heading === l.label ? l.label : `${heading} (${l.label})`;
  return `${name}: ${l.actualText} / ${l.targetText} (${l.attainmentText}) ${l.statusText}${extra ? ` — ${extra}` : ''}`;
}

const buttons = (actions: readonly ActionButton[]): string[] =>
  actions.length > 0 ? [actions.map((a) => `[${a.label}]`).join(' ')] : [];
const sections = (list: readonly ReviewSection[]): string[] =>
  list.flatMap((s) => [s.heading, ...s.lines.map((l) => `  ${kpiText(l)}`), ...s.notes.map((n) => `  ${n}`)]);
const named = (items: readonly { readonly name: string; readonly text: string }[], label: string): string[] =>
  items.map((i) => `${label} ${i.name}: ${i.text}`);

function body(v: View): string[] {
  switch (v.type) {
    case 'checkin_prompt':
      return [v.intro, v.deadlineText, ...v.lastPeriod.map((l) => kpiText(l)), ...buttons(v.actions)];
    case 'checkin_reminder':
      return [v.body, v.deadlineText, ...buttons(v.actions)];
    case 'checkin_confirmation':
      return [...v.lines.map((l) => kpiText(l)), v.submittedText, ...buttons(v.actions)];
    case 'leaderboard':
      return [
        ...v.rows.map((r) => `${r.rank}. ${r.name} ${r.scoreText} ${r.movementText}`),
        ...(v.moreCount > 0 && v.moreText ? [v.moreText] : []),
        ...(v.unrankedText ? [v.unrankedText] : []),
        ...(v.reactionsText ? [v.reactionsText] : []),
      ];
    case 'my_rank':
      return [v.rankText, ...v.lines.map((l) => kpiText(l))];
    case 'collective_progress':
      return v.rows.map((r) => `${kpiText(r.line, r.label)} — ${r.alertText} · ${r.ownerName}`);
    case 'breach_nudge':
      return [v.body, kpiText(v.line), v.alertText, ...buttons(v.actions)];
    case 'escalation':
      return [v.body, kpiText(v.line), `${v.ownerName} · ${v.sinceText}`, ...buttons(v.actions)];
    case 'standup_summary':
      return [
        v.completionText,
        ...(v.missing.length > 0 ? [`- ${v.missing.join(', ')}`] : []),
        ...v.totals.map((l) => kpiText(l)),
        ...v.atRisk.map((x) => `! ${x}`),
        ...v.breaches.map((x) => `!! ${x}`),
        ...named(v.blockers, '?'),
        ...named(v.wins, '+'),
      ];
    case 'monthly_review':
      return [...sections(v.sections), ...v.charts.map((c) => `(chart) ${c.title}`), ...buttons(v.actions)];
    case 'qbr':
      return [
        ...sections(v.sections),
        ...v.proposals.map((p) => `${p.label}: ${p.currentText} -> ${p.proposedText} (${p.rationale})`),
        ...v.decisions.map((d) => `* ${d.text} — ${d.author}, ${d.statusText}`),
        ...v.charts.map((c) => `(chart) ${c.title}`),
        ...buttons(v.actions),
      ];
    case 'my_goals':
      return [
        ...(v.rankText ? [v.rankText] : []),
        ...v.lines.map((l) => kpiText(l)),
        ...(v.nextRitualText ? [v.nextRitualText] : []),
        ...(v.team ? body(v.team) : []),
      ];
    case 'notice':
      return [v.body];
    default:
      return [v.text];
  }
}

/** The view's title and its lines, indented; anything else shows as its text. */
export function viewText(value: unknown): { title: string; lines: string[] } {
  // The sandbox's own admin notes (a CRM import) are one line.
  if (isCrmImportNote(value)) return { title: value.text, lines: [] };
  if (!isView(value)) return { title: String((value as { text?: unknown } | null)?.text ?? ''), lines: [] };
  const v = value;
  const title = 'title' in v && typeof v.title === 'string' && v.title ? v.title : v.text;
  let lines: string[];
  try {
    lines = body(v);
  } catch {
    lines = [v.text];
  }
  const periodLabel =
    'periodLabel' in v && typeof v.periodLabel === 'string' && !title.includes(v.periodLabel) ? [v.periodLabel] : [];
  return {
    title,
    lines: [...periodLabel, ...lines]
      .filter((l) => typeof l === 'string' && l.trim() !== '')
      .map((l) => `${INDENT}${l}`),
  };
}
