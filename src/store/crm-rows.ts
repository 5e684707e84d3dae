// Applies a CRM mapping to the rows of an export: finds the mapped columns in the header, keeps the rows
// the filter accepts, and rewrites each kept row into the import's own columns (date, member, team, kpi,
// value, source_id) with the line of the original file, so the usual validation reports real lines.
// Rows left out are counted by reason for the import summary.
import { DateTime } from 'luxon';
import type { CrmMapping } from './crm-mapping.js';
import type { CanonicalRow, CsvRow } from './import-csv.js';

export interface MappedRows {
  readonly rows: CanonicalRow[];
  /** Reason ("Deal Stage is Closed Lost") -> number of rows. */
  readonly skipped: ReadonlyMap<string, number>;
  /** Problems as `FILE:LINE: message`. */
  readonly problems: string[];
}

const norm = (s: string) => s.trim().toLowerCase();

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY' };

/** "EUR 24,000.00", "24 000,00 €", "$1,200" -> a plain decimal string, or a problem. */
export function mappedAmount(
  raw: string,
  decimal: '.' | ',',
  currency: string | undefined,
): { value: string } | { problem: string } {
  let s = raw.trim();
  const codes = [...s.matchAll(/[A-Z]{3}|[€$£¥]/g)].map((m) => CURRENCY_SYMBOLS[m[0]] ?? m[0]);
  const other = codes.find((c) => currency !== undefined && c !== currency);
  if (other) return { problem: `amount "${raw}" is in ${other}, but the mapping expects ${currency}` };
  s = s.replace(/[A-Z]{3}|[€$£¥]/g, '').replace(/[\s\u00a0\u202f']/g, '');
  s = decimal === '.' ? s.replace(/,/g, '') : s.replace(/\./g, '').replace(',', '.');
  if (!/^[+-]?\d+(\.\d+)?$/.test(s)) return { problem: `amount "${raw}" is not a number` };
  return { value: s };
}

/** A day from a cell in the mapping's date format (time dropped), or undefined. */
export function mappedDay(raw: string, format: string): string | undefined {
  const parsed = DateTime.fromFormat(raw.trim(), format, { zone: 'UTC', locale: 'en-US' });
  return parsed.isValid ? (parsed.toISODate() ?? undefined) : undefined;
}

export function mapRows(header: CsvRow, rows: readonly CsvRow[], mapping: CrmMapping, file: string): MappedRows {
  const problems: string[] = [];
  const columns = new Map(header.cells.map((h, i) => [norm(h), i]));
  const missing = new Set<string>();
  const indexOf = (name: string): number => {
    const i = columns.get(norm(name));
    if (i === undefined && !missing.has(norm(name))) {
      missing.add(norm(name));
      problems.push(`${file}:${header.line}: column "${name}" of mapping "${mapping.name}" is not in the header`);
    }
    return i ?? -1;
  };
  const col = {
    member: indexOf(mapping.member.column),
    date: indexOf(mapping.date.column),
    value: indexOf(mapping.value.column),
    sourceId: indexOf(mapping.source_id.column),
    team: mapping.team && 'column' in mapping.team ? indexOf(mapping.team.column) : undefined,
    filter: mapping.filter ? indexOf(mapping.filter.column) : undefined,
    skipWhenEmpty: mapping.skip_when_empty !== undefined ? indexOf(mapping.skip_when_empty) : undefined,
  };
  const skipped = new Map<string, number>();
  if (problems.length) return { rows: [], skipped, problems };

  const keep = new Set(mapping.filter?.keep.map(norm));
  const out: CanonicalRow[] = [];
  for (const { cells, line } of rows) {
    const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
    const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
    if (col.skipWhenEmpty !== undefined && cell(col.skipWhenEmpty) === '') {
      skip(`${mapping.skip_when_empty} is empty (not a data row)`);
      continue;
    }
    if (mapping.filter && !keep.has(norm(cell(col.filter)))) {
      skip(`${mapping.filter.column} is "${cell(col.filter)}"`);
      continue;
    }
    const at = (message: string) => problems.push(`${file}:${line}: ${message}`);
    let date = cell(col.date);
    if (mapping.date.format && date !== '') {
      const day = mappedDay(date, mapping.date.format);
      if (day === undefined) at(`bad date "${date}": expected ${mapping.date.format}`);
      date = day ?? '';
      if (day === undefined) continue;
    }
    let value = cell(col.value);
    if (value !== '') {
      const amount = mappedAmount(value, mapping.value.decimal, mapping.value.currency);
      if ('problem' in amount) {
        at(amount.problem);
        continue;
      }
      value = amount.value;
    }
    const owner = cell(col.member);
    if (mapping.member.by === 'email' && owner !== '' && !owner.includes('@')) {
      at(`owner "${owner}" is not an email address (the mapping matches members by email)`);
      continue;
    }
    const id = cell(col.sourceId);
    if (id === '') {
      at(`${mapping.source_id.column} is empty: every row needs an id so a re-import changes nothing`);
      continue;
    }
    out.push({
      line,
      date,
      member: owner,
      team: mapping.team && 'value' in mapping.team ? mapping.team.value : cell(col.team),
      kpi: mapping.kpi,
      value,
      sourceId: `${mapping.source_id.prefix}${id}`,
    });
  }
  return { rows: out, skipped, problems };
}
