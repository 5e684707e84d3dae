// The store is closed: only src/store/ talks to the database. Everywhere else in src/ and in bench/ goes
// through the Store's repositories and its ping / backup / reset, so a second database backend would
// touch one folder. Tests and benchmarks that must seed or inspect rows directly use the one documented
// way in, src/store/raw-access.ts, which application code may not import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const storeDir = join(root, 'src/store');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (p === storeDir) return [];
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const importRe =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
// The ORM, the drivers (SQLite, node-postgres, the in-process PostgreSQL), and the store's own files that
// hold or type the raw handles, for either dialect.
const FORBIDDEN = [
  /^drizzle-orm/,
  /^drizzle-kit/,
  /^better-sqlite3/,
  /^pg(\/|$)/,
  /^@electric-sql\/pglite/,
  /(^|\/)store\/(pg\/)?(handles|db|schema)\.js$/,
];
const RAW_ACCESS = /(^|\/)store\/raw-access\.js$/;
// `store.db`, `deps.store.sqlite`...: the handles the Store used to expose.
const HANDLE = /\bstore\s*\.\s*(db|sqlite)\b/i;

export function violations(source: string, opts: { readonly rawAccessAllowed?: boolean } = {}): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(importRe)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    if (FORBIDDEN.some((re) => re.test(spec))) found.push(`imports ${spec}`);
    else if (!opts.rawAccessAllowed && RAW_ACCESS.test(spec))
      found.push(`imports ${spec} (for tests and benchmarks only)`);
  }
  const handle = source.match(HANDLE);
  if (handle) found.push(`reaches ${handle[0]}`);
  return found;
}

describe('store boundary', () => {
  const app = filesUnder(join(root, 'src'));
  const bench = filesUnder(join(root, 'bench'));

  it('has files to check', () => {
    expect(app.length).toBeGreaterThan(50);
    expect(bench.length).toBeGreaterThan(5);
    expect(app.some((f) => f.startsWith(storeDir))).toBe(false);
  });

  it.each(app.map((f) => [relative(root, f), f]))('%s goes through the store', (_name, file) => {
    expect(violations(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it.each(bench.map((f) => [relative(root, f), f]))('%s goes through the store (raw access allowed)', (_name, file) => {
    expect(violations(readFileSync(file, 'utf8'), { rawAccessAllowed: true })).toEqual([]);
  });

  it('tests reach the raw handles only through raw-access.ts, never handles.ts', () => {
    // This file is left out: its own samples name the forbidden path.
    const tests = filesUnder(join(root, 'test')).filter((f) => f !== import.meta.filename);
    expect(tests.length).toBeGreaterThan(100);
    const direct = tests
      .filter((f) => /from\s*['"][^'"]*\/store\/handles\.js['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(direct).toEqual([]);
  });

  it('the checker itself catches violations', () => {
    expect(violations(`import { eq } from 'drizzle-orm';`)).toEqual(['imports drizzle-orm']);
    expect(violations(`import type Database from "better-sqlite3";`)).toEqual(['imports better-sqlite3']);
    expect(violations(`const { drizzle } = await import('drizzle-orm/better-sqlite3');`)).toEqual([
      'imports drizzle-orm/better-sqlite3',
    ]);
    expect(violations(`import { conversationRefs } from '../store/schema.js';`)).toEqual([
      'imports ../store/schema.js',
    ]);
    expect(violations(`import { outbox } from '../store/pg/schema.js';`)).toEqual(['imports ../store/pg/schema.js']);
    expect(violations(`import pg from 'pg';`)).toEqual(['imports pg']);
    expect(violations(`import { PGlite } from '@electric-sql/pglite';`)).toEqual(['imports @electric-sql/pglite']);
    expect(violations(`import { parse } from 'pg-connection-string';`)).toEqual([]);
    expect(violations(`import type { StoreDb } from '../../src/store/db.js';`)).toEqual([
      'imports ../../src/store/db.js',
    ]);
    expect(violations(`import { handlesOf } from '../store/handles.js';`)).toEqual(['imports ../store/handles.js']);
    expect(violations(`import { rawSqlite } from '../store/raw-access.js';`)).toEqual([
      'imports ../store/raw-access.js (for tests and benchmarks only)',
    ]);
    expect(violations(`import { rawSqlite } from '../src/store/raw-access.js';`, { rawAccessAllowed: true })).toEqual(
      [],
    );
    expect(violations(`const ok = deps.store.sqlite.prepare('select 1').get();`)).toEqual(['reaches store.sqlite']);
    expect(violations(`const tokens = createApiTokensRepo(store.db);`)).toEqual(['reaches store.db']);
    expect(violations(`import { createOutboxRepo } from '../store/outbox.repo.js';\nconst ok = store.ping();`)).toEqual(
      [],
    );
    expect(violations(`const url = 'file:./data/rituals.db';`)).toEqual([]);
  });
});
