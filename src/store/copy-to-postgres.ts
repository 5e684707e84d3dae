// `rituals copy`: moves a SQLite database up to an EMPTY PostgreSQL one. The tables and columns come from
// the PostgreSQL schema (./pg/schema.ts, kept in step with SQLite's by a parity test), copied parents
// before children (foreign-key order) with their ids, in multi-row inserts, each value converted to the
// PostgreSQL column's type (0/1 to boolean, JSON text to jsonb, REAL to double precision, day text to
// date). The source is read in one SQLite read transaction (a consistent snapshot, even while the bot
// writes); the target is written in one transaction, so a failed copy leaves it as it was. Identity
// sequences then move past the largest copied id, and the row counts of both sides are compared before
// committing. A target whose tables hold any row is refused: the copy never merges.
import { existsSync } from 'node:fs';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { databasePath, openStore } from './connection.js';
import { sqliteHandlesOf } from './handles.js';
import type { MigrationReport } from './migrate.js';
import { runPgMigrations } from './pg/migrate.js';
import * as pgSchema from './pg/schema.js';
import { isPostgresUrl, reason, StoreError, withoutPassword } from './store-error.js';
import { quoteIdent } from './table-scan.js';

/** Rows of one table on both sides after the copy. */
export interface TableCount {
  readonly table: string;
  readonly source: number;
  readonly target: number;
}

export interface CopyResult {
  /** The source, as given (a SQLite file). */
  readonly from: string;
  /** The target, without its password. */
  readonly to: string;
  /** What migrating the target applied first. */
  readonly migrations: MigrationReport;
  /** Every table, in the order copied. */
  readonly tables: readonly TableCount[];
}

/** The copy was rolled back because the target's counts differ from the source's. */
export class CopyCountMismatchError extends StoreError {
  constructor(
    readonly tables: readonly TableCount[],
    readonly mismatched: readonly TableCount[],
  ) {
    super(
      `row counts differ after the copy (${mismatched.map((t) => `${t.table}: ${t.source} in the source, ${t.target} in the target`).join('; ')}): the copy was rolled back, no row was written`,
    );
    this.name = 'CopyCountMismatchError';
  }
}

export interface CopyOptions {
  /** Rows per INSERT at most (fewer for wide tables, to stay under PostgreSQL's 65,535 parameters). */
  readonly batchRows?: number;
}

interface ColumnPlan {
  readonly name: string;
  /** The PostgreSQL type, as written in a cast. */
  readonly type: string;
}

interface TablePlan {
  readonly name: string;
  readonly columns: readonly ColumnPlan[];
  /** The identity column (ids kept), whose sequence is moved past the copied ids. */
  readonly identity?: string;
  readonly parents: readonly string[];
}

function tablePlans(): TablePlan[] {
  const plans: TablePlan[] = [];
  for (const value of Object.values(pgSchema)) {
    if (!is(value, PgTable)) continue;
    const cfg = getTableConfig(value);
    plans.push({
      name: cfg.name,
      columns: cfg.columns.map((c) => ({ name: c.name, type: c.getSQLType() })),
      identity: cfg.columns.find((c) => (c as { generatedIdentity?: unknown }).generatedIdentity !== undefined)?.name,
      parents: cfg.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name),
    });
  }
  return plans;
}

/** Parents before children; ties by name, so the order is stable. Exported for tests. */
export function foreignKeyOrder<T extends { readonly name: string; readonly parents: readonly string[] }>(
  tables: readonly T[],
): T[] {
  const pending = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const done = new Set<string>();
  const ordered: T[] = [];
  while (pending.length > 0) {
    const i = pending.findIndex((t) => t.parents.every((p) => p === t.name || done.has(p)));
    if (i < 0) throw new StoreError(`foreign keys form a cycle among ${pending.map((t) => t.name).join(', ')}`);
    const [next] = pending.splice(i, 1);
    ordered.push(next!);
    done.add(next!.name);
  }
  return ordered;
}

/** Tables whose counts differ between source and target. Exported for tests. */
export function countMismatches(tables: readonly TableCount[]): TableCount[] {
  return tables.filter((t) => t.source !== t.target);
}

/** A SQLite value as the PostgreSQL column of `type` takes it (sent as text, cast in the INSERT). */
export function toPgValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  const v = typeof value === 'bigint' ? Number(value) : value;
  switch (type) {
    case 'boolean':
      return typeof v === 'number' ? v !== 0 : v === true || v === '1' || v === 'true';
    case 'jsonb':
      // Stored as JSON text; anything else (a bare number) is serialised.
      return typeof v === 'string' ? v : JSON.stringify(v);
    case 'integer':
    case 'double precision':
      return typeof v === 'number' ? v : Number(v);
    default:
      return typeof v === 'string' ? v : String(v);
  }
}

async function targetRowCounts(client: pg.ClientBase, tables: readonly TablePlan[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const t of tables) {
    const exists = await client.query<{ t: string | null }>('select to_regclass($1) as t', [quoteIdent(t.name)]);
    if (!exists.rows[0]?.t) continue;
    const r = await client.query<{ n: number }>(`select count(*)::int as n from ${quoteIdent(t.name)}`);
    counts.set(t.name, r.rows[0]!.n);
  }
  return counts;
}

async function refuseNonEmpty(client: pg.ClientBase, tables: readonly TablePlan[], shown: string): Promise<void> {
  const counts = await targetRowCounts(client, tables);
  const filled = [...counts].filter(([, n]) => n > 0);
  if (filled.length > 0) {
    throw new StoreError(
      `the target ${shown} is not empty (${filled.map(([t, n]) => `${t}: ${n} row${n === 1 ? '' : 's'}`).join(', ')}): rituals copy only fills an empty database; nothing was changed`,
    );
  }
}

/** Copies the SQLite database `fromUrl` into the empty PostgreSQL database `toUrl`; see the header. */
export async function copySqliteToPostgres(
  fromUrl: string,
  toUrl: string,
  opts: CopyOptions = {},
): Promise<CopyResult> {
  if (isPostgresUrl(fromUrl))
    throw new StoreError(
      `--from must be a SQLite database (a file path or file:PATH), not ${withoutPassword(fromUrl)}`,
    );
  if (!isPostgresUrl(toUrl))
    throw new StoreError(`--to must be a PostgreSQL URL (postgres://…), not ${withoutPassword(toUrl)}`);
  const sourcePath = databasePath(fromUrl);
  if (sourcePath === undefined) throw new StoreError(`--from ${fromUrl} is an in-memory database: nothing to copy`);
  if (!existsSync(sourcePath)) throw new StoreError(`--from ${fromUrl}: no such file ${sourcePath}`);

  const shown = withoutPassword(toUrl);
  const scrub = (err: unknown) => reason(err).replaceAll(toUrl, shown);
  const tables = foreignKeyOrder(tablePlans());
  const batchRows = Math.max(1, opts.batchRows ?? 500);

  // The source is brought to the current schema first, as the bot would at start.
  const source = await openStore(fromUrl);
  const client = new pg.Client({
    connectionString: toUrl,
    application_name: 'goal-rituals copy',
    connectionTimeoutMillis: 10_000,
  });
  try {
    try {
      await client.connect();
    } catch (err) {
      throw new StoreError(`cannot open database ${shown}: ${scrub(err)}`, { cause: err });
    }
    // Refused before migrating, so a database with data of ours is left exactly as it was.
    await refuseNonEmpty(client, tables, shown);
    let migrations: MigrationReport;
    try {
      migrations = await runPgMigrations(client);
    } catch (err) {
      throw new StoreError(`cannot migrate database ${shown}: ${scrub(err)}`, { cause: err });
    }
    const sqlite = sqliteHandlesOf(source).sqlite;
    const present = new Set(
      sqlite
        .prepare("select name from sqlite_master where type = 'table'")
        .all()
        .map((r) => (r as { name: string }).name),
    );
    sqlite.exec('begin');
    await client.query('begin');
    try {
      // Nobody writes the target while it is filled; the emptiness seen under the lock is the one that counts.
      await client.query(`lock table ${tables.map((t) => quoteIdent(t.name)).join(', ')} in exclusive mode`);
      await refuseNonEmpty(client, tables, shown);
      const counts: { table: string; source: number }[] = [];
      for (const t of tables) {
        if (!present.has(t.name)) {
          counts.push({ table: t.name, source: 0 });
          continue;
        }
        const n = sqlite.prepare(`select count(*) as n from ${quoteIdent(t.name)}`).get() as { n: number };
        counts.push({ table: t.name, source: n.n });
        await copyTable(sqlite, client, t, batchRows);
      }
      for (const t of tables) {
        if (!t.identity) continue;
        await client.query(
          `select setval(pg_get_serial_sequence($1, $2), coalesce(max(${quoteIdent(t.identity)}), 0) + 1, false) from ${quoteIdent(t.name)}`,
          [quoteIdent(t.name), t.identity],
        );
      }
      const after = await targetRowCounts(client, tables);
      const result = counts.map((c) => ({ ...c, target: after.get(c.table) ?? 0 }));
      const mismatched = countMismatches(result);
      if (mismatched.length > 0) throw new CopyCountMismatchError(result, mismatched);
      await client.query('commit');
      // Fresh statistics, so the first queries on the copied rows get good plans (autovacuum would take a
      // while to notice a bulk load). After the commit: a failure here loses nothing.
      await client.query(`analyze ${tables.map((t) => quoteIdent(t.name)).join(', ')}`).catch(() => undefined);
      return { from: fromUrl, to: shown, migrations, tables: result };
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      if (err instanceof StoreError) throw err;
      throw new StoreError(`copy to ${shown} failed and was rolled back, no row was written: ${scrub(err)}`, {
        cause: err,
      });
    } finally {
      if (sqlite.inTransaction) sqlite.exec('rollback');
    }
  } finally {
    await client.end().catch(() => undefined);
    await source.close();
  }
}

/** Copies one table in multi-row inserts of at most `batchRows` rows. */
async function copyTable(
  sqlite: ReturnType<typeof sqliteHandlesOf>['sqlite'],
  client: pg.ClientBase,
  t: TablePlan,
  batchRows: number,
): Promise<void> {
  const names = t.columns.map((c) => quoteIdent(c.name)).join(', ');
  const perInsert = Math.max(1, Math.min(batchRows, Math.floor(60_000 / t.columns.length)));
  const order = t.identity ? ` order by ${quoteIdent(t.identity)}` : '';
  const rows = sqlite.prepare(`select ${names} from ${quoteIdent(t.name)}${order}`).raw(true);
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const cells = t.columns.map((c, i) => {
        params.push(toPgValue(row[i], c.type));
        return `$${params.length}::${c.type}`;
      });
      return `(${cells.join(', ')})`;
    });
    try {
      await client.query(`insert into ${quoteIdent(t.name)} (${names}) values ${tuples.join(', ')}`, params);
    } catch (err) {
      // Plain: the caller wraps it into the StoreError that says the copy was rolled back.
      throw new Error(`cannot copy table ${t.name}: ${reason(err)}`, { cause: err });
    }
    batch = [];
  };
  // Streamed: nothing else uses the SQLite connection while the iterator is open (a throw closes it).
  for (const row of rows.iterate() as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length >= perInsert) await flush();
  }
  await flush();
}
