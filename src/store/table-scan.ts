// Every table of the database and its text columns, read from the schema itself (sqlite_master and
// pragma table_info), so a table added later is covered without a change here: the person erasure's
// last pass and the tests that check it scan what this lists.
import type Database from 'better-sqlite3';

export interface TextColumns {
  readonly table: string;
  readonly columns: readonly string[];
}

/** Tables of the application (not SQLite's own, not the migrations journal), with their text columns. */
export function textColumnsOfEveryTable(sqlite: Database.Database): TextColumns[] {
  const tables = sqlite
    .prepare<[], { name: string }>(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`,
    )
    .all();
  return tables.map(({ name }) => ({
    table: name,
    columns: sqlite
      .prepare<[], { name: string; type: string }>(`select name, type from pragma_table_info(${quoteLiteral(name)})`)
      .all()
      .filter((c) => /text|char|clob/i.test(c.type))
      .map((c) => c.name),
  }));
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** One replacement of the scrub: what to find in text, and what to put instead. */
export interface Needle {
  /** Matches the person's text wherever it stands (ids and names as whole words, free text anywhere). */
  readonly pattern: RegExp;
  /** Cheap pre-filter for SQL: rows whose column contains this substring are looked at. */
  readonly probe: string;
  readonly replacement: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An identifier (member id, platform id, email, name) as a whole word: `lea` matches `member:lea:calls`
 * and `"lea"`, not `lea-2` or `leandro`. Its JSON-escaped form matches too.
 */
export function identifierNeedles(value: string, replacement: string): Needle[] {
  const forms = [...new Set([value, JSON.stringify(value).slice(1, -1)])];
  return forms.map((form) => ({
    pattern: new RegExp(`(?<![\\p{L}\\p{N}_.\\-])${escapeRegExp(form)}(?![\\p{L}\\p{N}_\\-]|\\.[\\p{L}\\p{N}])`, 'gu'),
    probe: form,
    replacement,
  }));
}

/** A free text the person wrote (a win, a blocker, a decision), anywhere, raw or JSON-escaped. */
export function textNeedles(value: string, replacement: string): Needle[] {
  const forms = [...new Set([value, JSON.stringify(value).slice(1, -1)])];
  return forms.map((form) => ({ pattern: new RegExp(escapeRegExp(form), 'gu'), probe: form, replacement }));
}

export function applyNeedles(text: string, needles: readonly Needle[]): string {
  let out = text;
  for (const n of needles) out = out.replace(n.pattern, n.replacement);
  return out;
}

/** Rows (by rowid, per table) with a text cell holding one of the needles' probes. A read: no lock taken in WAL mode. */
export function findNeedleRows(sqlite: Database.Database, needles: readonly Needle[]): Map<string, number[]> {
  const found = new Map<string, number[]>();
  if (needles.length === 0) return found;
  const probes = [...new Set(needles.map((n) => n.probe))];
  for (const { table, columns } of textColumnsOfEveryTable(sqlite)) {
    if (columns.length === 0) continue;
    const hit = columns.flatMap((c) => probes.map(() => `instr(${quoteIdent(c)}, ?) > 0`)).join(' or ');
    const rowids = sqlite
      .prepare<unknown[], { r: number }>(`select rowid as r from ${quoteIdent(table)} where ${hit}`)
      .all(...columns.flatMap(() => probes))
      .map((x) => x.r);
    if (rowids.length > 0) found.set(table, rowids);
  }
  return found;
}

/**
 * Rewrites the text cells of these rows that hold a needle (each row read again: it may have changed or
 * gone since it was found); returns the rows changed per table. Runs inside the caller's transaction.
 */
export function scrubRows(
  sqlite: Database.Database,
  needles: readonly Needle[],
  rows: ReadonlyMap<string, readonly number[]>,
): Map<string, number> {
  const changed = new Map<string, number>();
  const columnsOf = new Map(textColumnsOfEveryTable(sqlite).map((t) => [t.table, t.columns]));
  for (const [table, rowids] of rows) {
    const columns = columnsOf.get(table) ?? [];
    if (columns.length === 0) continue;
    const read = sqlite.prepare<[number], Record<string, unknown>>(
      `select ${columns.map(quoteIdent).join(', ')} from ${quoteIdent(table)} where rowid = ?`,
    );
    let count = 0;
    for (const rowid of rowids) {
      const row = read.get(rowid);
      if (!row) continue;
      const set: string[] = [];
      const params: unknown[] = [];
      for (const c of columns) {
        const v = row[c];
        if (typeof v !== 'string') continue;
        const next = applyNeedles(v, needles);
        if (next !== v) {
          set.push(`${quoteIdent(c)} = ?`);
          params.push(next);
        }
      }
      if (set.length === 0) continue;
      sqlite.prepare(`update ${quoteIdent(table)} set ${set.join(', ')} where rowid = ?`).run(...params, rowid);
      count++;
    }
    if (count > 0) changed.set(table, count);
  }
  return changed;
}
