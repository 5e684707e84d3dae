// Every table of a PostgreSQL store and its text and JSON columns, read from the schema itself
// (information_schema), so a table added later is covered without a change here: the PostgreSQL side of
// ../table-scan.ts. The person erasure's last pass rewrites, in its own transaction, every cell of these
// columns that still names or quotes the person (the needles of ../table-scan.ts).
import { sql } from 'drizzle-orm';
import { applyNeedles, type Needle } from '../table-scan.js';
import { type PgStoreDb, type PgStoreTx, rowsOf } from './db.js';

export interface PgTextColumn {
  readonly name: string;
  /** A json/jsonb column: its strings (and object keys) are rewritten, the structure is kept. */
  readonly json: boolean;
}

export interface PgTextColumns {
  readonly table: string;
  readonly columns: readonly PgTextColumn[];
}

/** Tables of the application (the current schema; the migrations journal lives in its own), with their text and JSON columns. */
export async function pgTextColumnsOfEveryTable(db: PgStoreDb | PgStoreTx): Promise<PgTextColumns[]> {
  const rows = rowsOf<{ table: string; column: string | null; type: string | null }>(
    await db.execute(sql`
      select t.table_name as "table", c.column_name as "column", c.data_type as "type"
      from information_schema.tables t
      left join information_schema.columns c
        on c.table_schema = t.table_schema and c.table_name = t.table_name
        and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
      where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by t.table_name collate "C", c.ordinal_position`),
  );
  const out = new Map<string, PgTextColumn[]>();
  for (const r of rows) {
    const columns = out.get(r.table) ?? [];
    if (r.column !== null) columns.push({ name: r.column, json: r.type === 'json' || r.type === 'jsonb' });
    out.set(r.table, columns);
  }
  return [...out].map(([table, columns]) => ({ table, columns }));
}

/** A JSON value with the needles applied to every string and object key in it. */
function scrubJson(value: unknown, needles: readonly Needle[]): unknown {
  if (typeof value === 'string') return applyNeedles(value, needles);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, needles));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [applyNeedles(k, needles), scrubJson(v, needles)]));
  }
  return value;
}

/**
 * Rewrites every text and JSON cell of every table that holds a needle, inside the caller's transaction:
 * the candidate rows (a cell contains a needle's probe) are read `FOR UPDATE`, then each changed row is
 * written back by its physical address, stable while the lock is held. Returns the rows changed per table.
 */
export async function scrubEveryTable(tx: PgStoreTx, needles: readonly Needle[]): Promise<Map<string, number>> {
  const changed = new Map<string, number>();
  if (needles.length === 0) return changed;
  const probes = [...new Set(needles.map((n) => n.probe))];
  for (const { table, columns } of await pgTextColumnsOfEveryTable(tx)) {
    if (columns.length === 0) continue;
    const t = sql.identifier(table);
    const hit = sql.join(
      columns.flatMap((c) => probes.map((p) => sql`strpos(${sql.identifier(c.name)}::text, ${p}) > 0`)),
      sql` or `,
    );
    const cols = sql.join(
      columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    );
    const rows = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`select ctid::text as "__ctid", ${cols} from ${t} where ${hit} for update`),
    );
    let count = 0;
    for (const row of rows) {
      const set = [];
      for (const c of columns) {
        const v = row[c.name];
        if (v === null || v === undefined) continue;
        if (c.json) {
          const next = scrubJson(v, needles);
          if (JSON.stringify(next) !== JSON.stringify(v))
            set.push(sql`${sql.identifier(c.name)} = ${JSON.stringify(next)}::jsonb`);
        } else if (typeof v === 'string') {
          const next = applyNeedles(v, needles);
          if (next !== v) set.push(sql`${sql.identifier(c.name)} = ${next}`);
        }
      }
      if (set.length === 0) continue;
      await tx.execute(sql`update ${t} set ${sql.join(set, sql`, `)} where ctid = ${row.__ctid}::tid`);
      count++;
    }
    if (count > 0) changed.set(table, count);
  }
  return changed;
}
