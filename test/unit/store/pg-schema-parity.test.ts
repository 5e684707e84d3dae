// Keeps the PostgreSQL schema (src/store/pg/schema.ts) in step with the SQLite one (src/store/schema.ts):
// the same tables, columns (names and nullability), primary keys, unique constraints and indexes, foreign
// keys, plain indexes and checks. Both sides are read from drizzle's table metadata, never from a hand list,
// so a column added to one file only fails here.
import { getTableName, is } from 'drizzle-orm';
import {
  PgTable,
  integer as pgInteger,
  pgTable,
  getTableConfig as pgTableConfig,
  text as pgText,
} from 'drizzle-orm/pg-core';
import {
  SQLiteTable,
  integer as sqliteInteger,
  sqliteTable,
  getTableConfig as sqliteTableConfig,
  text as sqliteText,
} from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../../src/store/pg/schema.js';
import * as sqliteSchema from '../../../src/store/schema.js';

interface TableShape {
  /** `name` or `name not null`, in declaration order. */
  readonly columns: string[];
  readonly primaryKey: string[];
  /** `name(cols)`, with ` where …` for a partial unique index; column `.unique()` included. */
  readonly unique: string[];
  /** `name(cols)` of the indexes that are not unique. */
  readonly indexes: string[];
  /** `cols -> table(cols)`. */
  readonly foreignKeys: string[];
  readonly checks: string[];
}

type Shapes = Record<string, TableShape>;

// The column list of an index: drizzle keeps column objects, or SQL for an expression.
function indexColumns(columns: readonly unknown[]): string {
  return columns.map((c) => (c && typeof c === 'object' && 'name' in c ? String(c.name) : 'expr')).join(',');
}

interface AnyTableConfig {
  readonly name: string;
  readonly columns: readonly {
    name: string;
    notNull: boolean;
    primary: boolean;
    isUnique: boolean;
    uniqueName?: string;
  }[];
  readonly indexes: readonly {
    config: { name?: string; columns: readonly unknown[]; unique: boolean; where?: unknown };
  }[];
  readonly foreignKeys: readonly {
    reference(): { columns: { name: string }[]; foreignTable: unknown; foreignColumns: { name: string }[] };
  }[];
  readonly primaryKeys: readonly { columns: { name: string }[] }[];
  readonly uniqueConstraints: readonly { name?: string; getName?(): string; columns: { name: string }[] }[];
  readonly checks: readonly { name: string }[];
}

function shapeOf(config: AnyTableConfig): TableShape {
  const names = (cols: readonly { name: string }[]) => cols.map((c) => c.name).join(',');
  const sorted = (xs: string[]) => [...xs].sort();
  return {
    columns: config.columns.map((c) => (c.notNull ? `${c.name} not null` : c.name)),
    primaryKey: sorted([
      ...config.columns.filter((c) => c.primary).map((c) => c.name),
      ...config.primaryKeys.map((pk) => names(pk.columns)),
    ]),
    unique: sorted([
      ...config.columns.filter((c) => c.isUnique).map((c) => `${c.uniqueName}(${c.name})`),
      ...config.uniqueConstraints.map((u) => `${u.name ?? u.getName?.()}(${names(u.columns)})`),
      ...config.indexes
        .filter((i) => i.config.unique)
        .map((i) => `${i.config.name}(${indexColumns(i.config.columns)})${i.config.where ? ' partial' : ''}`),
    ]),
    indexes: sorted(
      config.indexes.filter((i) => !i.config.unique).map((i) => `${i.config.name}(${indexColumns(i.config.columns)})`),
    ),
    foreignKeys: sorted(
      config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return `${names(ref.columns)} -> ${getTableName(ref.foreignTable as PgTable)}(${names(ref.foreignColumns)})`;
      }),
    ),
    checks: sorted(config.checks.map((c) => c.name)),
  };
}

export function sqliteShapes(module: Record<string, unknown>): Shapes {
  const tables = Object.values(module).filter((v): v is SQLiteTable => is(v, SQLiteTable));
  return Object.fromEntries(tables.map((t) => [getTableName(t), shapeOf(sqliteTableConfig(t) as AnyTableConfig)]));
}

export function pgShapes(module: Record<string, unknown>): Shapes {
  const tables = Object.values(module).filter((v): v is PgTable => is(v, PgTable));
  return Object.fromEntries(tables.map((t) => [getTableName(t), shapeOf(pgTableConfig(t) as AnyTableConfig)]));
}

/** Every way the two schemas differ, one line each; empty when they are in step. */
export function schemaDifferences(sqlite: Shapes, pg: Shapes): string[] {
  const out: string[] = [];
  for (const name of Object.keys(sqlite)) if (!(name in pg)) out.push(`table ${name}: only in SQLite`);
  for (const name of Object.keys(pg)) if (!(name in sqlite)) out.push(`table ${name}: only in PostgreSQL`);
  for (const name of Object.keys(sqlite).filter((n) => n in pg)) {
    const a = sqlite[name]!;
    const b = pg[name]!;
    for (const key of Object.keys(a) as (keyof TableShape)[]) {
      for (const x of a[key]) if (!b[key].includes(x)) out.push(`${name} ${key}: ${x} only in SQLite`);
      for (const x of b[key]) if (!a[key].includes(x)) out.push(`${name} ${key}: ${x} only in PostgreSQL`);
    }
  }
  return out;
}

describe('the PostgreSQL schema keeps step with the SQLite one', () => {
  const sqlite = sqliteShapes(sqliteSchema);
  const pg = pgShapes(pgSchema);

  it('reads every table of both schemas', () => {
    expect(Object.keys(sqlite).length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(pg).sort()).toEqual(Object.keys(sqlite).sort());
    // A sample of what the metadata yields, so a reader that went blind (everything empty) fails.
    expect(sqlite.team_members!.primaryKey).toEqual(['team_id,member_id']);
    expect(sqlite.breaches!.unique).toEqual(['breaches_one_open_uq(objective_id,subject_key) partial']);
    expect(pg.check_ins!.unique).toEqual(['check_ins_idempotency_key_unique(idempotency_key)']);
    expect(pg.outbox!.foreignKeys).toEqual(['occurrence_id -> ritual_occurrences(id)']);
  });

  it('has the same tables, columns, keys, indexes and checks', () => {
    expect(schemaDifferences(sqlite, pg)).toEqual([]);
  });

  it.each(Object.keys(sqlite))('%s: columns in the same order with the same nullability', (name) => {
    expect(pg[name]?.columns).toEqual(sqlite[name]!.columns);
  });

  it('reports a pair that differs', () => {
    const parent = {
      s: sqliteTable('parent', { id: sqliteText('id').primaryKey() }),
      p: pgTable('parent', { id: pgText('id').primaryKey() }),
    };
    const s = sqliteTable('child', {
      id: sqliteInteger('id').primaryKey(),
      parentId: sqliteText('parent_id').references(() => parent.s.id),
      code: sqliteText('code').notNull().unique(),
    });
    // The same table with code nullable and not unique, no foreign key, and one column more.
    const p = pgTable('child', {
      id: pgInteger('id').primaryKey(),
      parentId: pgText('parent_id'),
      code: pgText('code'),
      extra: pgText('extra'),
    });
    const only = pgTable('only_pg', { id: pgText('id').primaryKey() });
    expect(schemaDifferences(sqliteShapes({ s, parent: parent.s }), pgShapes({ p, only, parent: parent.p }))).toEqual([
      'table only_pg: only in PostgreSQL',
      'child columns: code not null only in SQLite',
      'child columns: code only in PostgreSQL',
      'child columns: extra only in PostgreSQL',
      'child unique: child_code_unique(code) only in SQLite',
      'child foreignKeys: parent_id -> parent(id) only in SQLite',
    ]);
  });
});
