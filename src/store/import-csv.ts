// CSV import of metric values (CRM or helpdesk results): columns date, member, kpi, value, and optional
// team and source_id, in any order. Every row is checked against the workspace first; one bad row and
// nothing of the file is written, with every problem reported as `FILE:LINE: message`. Idempotent:
// each row has an external id (its source_id, else a natural key), so a re-import changes nothing and
// a corrected value is updated with its old value kept in history. A CRM export (HubSpot, Salesforce)
// goes through a mapping file first (crm-mapping.ts, crm-rows.ts), then the same validation.
import { CsvError, parse } from 'csv-parse/sync';
import type { Kpi, Workspace } from '../core/domain/model.js';
import type { MetricValueInput, UpsertSummary } from '../core/ports/index.js';
import type { Store } from './connection.js';
import type { CrmMapping } from './crm-mapping.js';
import { mapRows } from './crm-rows.js';
import { detectDelimiter, parseDay, parseDecimal } from './csv-values.js';

export interface CsvImportResult extends UpsertSummary {
  readonly file: string;
  /** Rows imported (new + updated + unchanged). */
  readonly total: number;
  /** Rows a CRM mapping left out (filtered stage, footer lines), by reason. */
  readonly skipped?: readonly SkippedRows[];
}

export interface SkippedRows {
  readonly reason: string;
  readonly count: number;
}

export class CsvImportError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`nothing imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}`);
    this.name = 'CsvImportError';
  }
}

const REQUIRED = ['date', 'kpi', 'value'] as const;
const KNOWN = ['date', 'member', 'team', 'kpi', 'value', 'source_id'] as const;
type Column = (typeof KNOWN)[number];

const canonical = (v: MetricValueInput) => JSON.stringify([v.memberId, v.teamId, v.kpiId, v.date, v.value]);

const normalizeHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Non-negative units; a score is also capped by its maximum. */
const NON_NEGATIVE = new Set(['count', 'days', 'hours', 'score']);

export interface Directory {
  /** A member by id or (case-insensitive) email, with the teams they belong to. */
  readonly member: (ref: string) => { id: string; teams: string[] } | undefined;
  readonly teams: ReadonlySet<string>;
}

/** Members by id and email, and team ids, of a workspace: how imported rows name their subject. */
export function workspaceDirectory(ws: Workspace): Directory {
  const byId = new Map<string, { id: string; teams: string[] }>();
  const byEmail = new Map<string, string>();
  for (const t of ws.teams) {
    for (const m of t.members) {
      const entry = byId.get(m.id) ?? { id: m.id, teams: [] };
      entry.teams.push(t.id);
      byId.set(m.id, entry);
      if (m.ids.email) byEmail.set(m.ids.email.toLowerCase(), m.id);
    }
  }
  return {
    member: (ref) => byId.get(ref) ?? byId.get(byEmail.get(ref.toLowerCase()) ?? ''),
    teams: new Set(ws.teams.map((t) => t.id)),
  };
}

/**
 * No KPI of a go-to-market team comes near a trillion: beyond it a value is a typo or an attack, and a
 * few such values summed in a report would overflow to Infinity.
 */
export const MAX_ABS_VALUE = 1e12;

/** The workspace's KPI with this id; never an inherited property such as `__proto__` or `constructor`. */
export function kpiById(workspace: Workspace, id: unknown): Kpi | undefined {
  return typeof id === 'string' && Object.hasOwn(workspace.kpis, id) ? workspace.kpis[id] : undefined;
}

/** Why a number cannot be a value of the KPI (negative count, score above its maximum, absurd), if it cannot. */
export function valueProblem(value: number, kpi: Kpi, shown: string = String(value)): string | undefined {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_ABS_VALUE)
    return `value ${shown} is out of range: no KPI value goes beyond a trillion`;
  if (value < 0 && NON_NEGATIVE.has(kpi.unit.type))
    return `value ${shown} is negative, but KPI "${kpi.id}" is a ${kpi.unit.type}`;
  if (kpi.unit.type === 'score' && value > kpi.unit.max)
    return `value ${shown} is above the maximum score ${kpi.unit.max} of KPI "${kpi.id}"`;
  return undefined;
}

function checkValue(raw: string, kpi: Kpi): { value: number } | { problem: string } {
  const percent = /%\s*$/.test(raw);
  if (percent && kpi.unit.type !== 'percent')
    return { problem: `value "${raw}": a percent sign is only allowed for a percent KPI` };
  const n = parseDecimal(percent ? raw.replace(/%\s*$/, '') : raw);
  if (n === undefined) return { problem: `value "${raw}" is not a number` };
  const value = percent ? n / 100 : n;
  const problem = valueProblem(value, kpi, raw);
  return problem ? { problem } : { value };
}

/** A row of a CSV file and the line it starts on. */
export interface CsvRow {
  readonly cells: readonly string[];
  readonly line: number;
}

/** Reads a CSV export (delimiter detected, BOM and blank rows dropped): its header and rows, with lines. */
export function readCsvRows(text: string, file: string): { header: CsvRow; rows: CsvRow[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), {
      delimiter: detectDelimiter(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records; // `info: true` wraps each record; the typings do not model it
  } catch (err) {
    const line = err instanceof CsvError ? ((err as CsvError & { lines?: number }).lines ?? 1) : 1;
    throw new CsvImportError(file, [`${file}:${line}: ${err instanceof Error ? err.message : String(err)}`]);
  }
  // Skip rows of blanks (a spreadsheet's trailing ";;;" lines).
  const rows = records
    .filter((r) => r.record.some((c) => c !== ''))
    // A quoted field may span lines: report the line the record starts on.
    .map((r) => ({ cells: r.record, line: r.info.lines - r.record.join('').split('\n').length + 1 }));
  const header = rows.shift();
  if (!header)
    throw new CsvImportError(file, [`${file}:1: the file is empty (expected a header: date,member,kpi,value)`]);
  return { header, rows };
}

/** One row in the import's own columns, as text, with the line of the original file it came from. */
export interface CanonicalRow {
  readonly line: number;
  readonly date: string;
  readonly member: string;
  readonly team: string;
  readonly kpi: string;
  readonly value: string;
  readonly sourceId: string;
}

/** Parses and validates a CSV export; returns the values to upsert or throws CsvImportError. */
export function parseMetricsCsv(text: string, workspace: Workspace, file: string): MetricValueInput[] {
  const problems: string[] = [];
  const at = (line: number, message: string) => problems.push(`${file}:${line}: ${message}`);
  const { header, rows } = readCsvRows(text, file);

  const index = new Map<Column, number>();
  header.cells.forEach((h, i) => {
    const name = normalizeHeader(h) as Column;
    if (!KNOWN.includes(name)) return;
    if (index.has(name)) at(header.line, `column "${name}" appears twice`);
    else index.set(name, i);
  });
  for (const c of REQUIRED) if (!index.has(c)) at(header.line, `missing column "${c}"`);
  if (!index.has('member') && !index.has('team'))
    at(header.line, 'missing column "member" (or "team" for team-level values)');
  if (problems.length) throw new CsvImportError(file, problems);

  const canonical = rows.map(({ cells, line }): CanonicalRow => {
    const cell = (c: Column) => (index.has(c) ? (cells[index.get(c)!] ?? '') : '');
    return {
      line,
      date: cell('date'),
      member: cell('member'),
      team: cell('team'),
      kpi: cell('kpi'),
      value: cell('value'),
      sourceId: cell('source_id'),
    };
  });
  return validateRows(canonical, workspace, file);
}

/**
 * Checks canonical rows against the workspace and turns them into values to upsert; every problem is
 * reported as `FILE:LINE: message` in one CsvImportError. Shared by plain imports and CRM mappings.
 */
export function validateRows(rows: readonly CanonicalRow[], workspace: Workspace, file: string): MetricValueInput[] {
  const problems: string[] = [];
  const at = (line: number, message: string) => problems.push(`${file}:${line}: ${message}`);
  const dir = workspaceDirectory(workspace);
  const values: MetricValueInput[] = [];
  const seen = new Map<string, { line: number; value: MetricValueInput }>();
  for (const row of rows) {
    const { line } = row;
    const before = problems.length;
    const date = parseDay(row.date);
    if (row.date === '') at(line, 'date is empty');
    else if (!date) at(line, `bad date "${row.date}": expected YYYY-MM-DD or DD/MM/YYYY`);

    const memberRef = row.member;
    const teamRef = row.team;
    const member = memberRef ? dir.member(memberRef) : undefined;
    if (memberRef && !member) at(line, `unknown member "${memberRef}"`);
    if (teamRef && !dir.teams.has(teamRef)) at(line, `unknown team "${teamRef}"`);
    else if (teamRef && member && !member.teams.includes(teamRef))
      at(line, `member "${memberRef}" is not in team "${teamRef}"`);
    if (!memberRef && !teamRef) at(line, 'member or team is required');

    const kpiRef = row.kpi;
    const kpi = kpiById(workspace, kpiRef);
    if (!kpiRef) at(line, 'kpi is empty');
    else if (!kpi) at(line, `unknown KPI "${kpiRef}"`);
    else if (kpi.formula) at(line, `KPI "${kpiRef}" is computed (${kpi.formula}): import its base KPIs instead`);

    let value: number | undefined;
    if (row.value === '') at(line, 'value is empty');
    else if (kpi && !kpi.formula) {
      const checked = checkValue(row.value, kpi);
      if ('problem' in checked) at(line, checked.problem);
      else value = checked.value;
    }
    if (problems.length > before || !date || !kpi || value === undefined) continue;

    const memberId = member?.id ?? null;
    const teamId = teamRef || (member?.teams.length === 1 ? member.teams[0]! : null);
    const sourceId = row.sourceId;
    const subject = memberId ? `member:${memberId}` : `team:${teamId}`;
    const externalId = sourceId || `csv:${subject}:${kpi.id}:${date}`;
    const v: MetricValueInput = { memberId, teamId, kpiId: kpi.id, date, value, source: 'import', externalId };
    const dup = seen.get(externalId);
    if (dup) {
      // An identical repeated row is harmless; two different values for one key are a conflict.
      if (canonical(dup.value) !== canonical(v)) {
        at(
          line,
          sourceId
            ? `source_id "${sourceId}" is also on line ${dup.line} with other data`
            : `same ${memberId ? 'member' : 'team'}, KPI and date as line ${dup.line} with another value`,
        );
      }
      continue;
    }
    seen.set(externalId, { line, value: v });
    values.push(v);
  }
  if (problems.length) throw new CsvImportError(file, problems);
  return values;
}

/**
 * Parses a CRM export through a mapping (see crm-mapping.ts): the mapped rows then go through the same
 * validation as a plain import, with the lines of the original file. Throws CsvImportError.
 */
export function parseMappedCsv(
  text: string,
  workspace: Workspace,
  file: string,
  mapping: CrmMapping,
): { values: MetricValueInput[]; skipped: SkippedRows[] } {
  const { header, rows } = readCsvRows(text, file);
  const mapped = mapRows(header, rows, mapping, file);
  let values: MetricValueInput[] = [];
  try {
    values = validateRows(mapped.rows, workspace, file);
  } catch (err) {
    if (!(err instanceof CsvImportError)) throw err;
    mapped.problems.push(...err.problems);
  }
  if (mapped.problems.length) {
    // Mapping problems and validation problems together, in file order.
    const lineOf = (p: string) => Number(/:(\d+): /.exec(p.slice(file.length))?.[1] ?? 0);
    throw new CsvImportError(
      file,
      [...mapped.problems].sort((a, b) => lineOf(a) - lineOf(b)),
    );
  }
  const skipped = [...mapped.skipped]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { values, skipped };
}

/**
 * Validates every row first (a bad row stops the import before anything is written), then upserts all the
 * values in one transaction (all or nothing) and records the import in the audit log afterwards. The
 * workspace must already be synced into the store (`syncWorkspace`), since values reference members,
 * teams and KPIs.
 */
export async function importMetricsCsv(
  store: Pick<Store, 'metricValues' | 'audit'>,
  workspace: Workspace,
  input: {
    readonly text: string;
    readonly file: string;
    readonly actor?: string;
    readonly at?: string;
    readonly mapping?: CrmMapping;
  },
): Promise<CsvImportResult> {
  const { values, skipped } = input.mapping
    ? parseMappedCsv(input.text, workspace, input.file, input.mapping)
    : { values: parseMetricsCsv(input.text, workspace, input.file), skipped: undefined };
  const at = input.at ?? new Date().toISOString();
  const summary = await store.metricValues.upsertMany(values, { at });
  if (summary.inserted + summary.updated > 0) {
    const actor = input.actor ?? 'cli';
    await store.audit.record({
      at,
      actor,
      action: 'metrics.import',
      entity: 'import',
      entityId: input.file,
      after: summary,
    });
  }
  return { file: input.file, total: values.length, ...summary, ...(skipped ? { skipped } : {}) };
}

export function formatImportSummary(r: CsvImportResult): string {
  const base = `imported ${r.total} value${r.total === 1 ? '' : 's'} (${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged) from ${r.file}`;
  if (!r.skipped?.length) return base;
  const n = r.skipped.reduce((sum, s) => sum + s.count, 0);
  return `${base}; skipped ${n} row${n === 1 ? '' : 's'}: ${r.skipped.map((s) => `${s.count} where ${s.reason}`).join(', ')}`;
}
