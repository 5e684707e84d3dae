// The reset button's database half: empties every table of the sandbox database (the schema and its
// migration history stay), after checking it really is the sandbox's own database and never the one
// DATABASE_URL points at. Emptying in place keeps the open connection that the core and the outbox
// sender hold valid, which deleting the file under them would not.
import type Database from 'better-sqlite3';
import { databasePath } from '../store/connection.js';

export interface ResettableStore {
  readonly url: string;
  readonly path: string | undefined;
  readonly sqlite: Database.Database;
}

export class SandboxResetError extends Error {
  override readonly name = 'SandboxResetError';
}

const KEEP = new Set(['__drizzle_migrations']);

const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a === b;

/** Throws unless `store` was opened on `sandboxUrl` and on none of `protectedUrls`. */
export function assertSandboxStore(store: ResettableStore, sandboxUrl: string, protectedUrls: readonly string[]): void {
  const sandboxPath = databasePath(sandboxUrl);
  if (store.url !== sandboxUrl && !same(store.path, sandboxPath)) throw new SandboxResetError('refusing to reset: the store is not the sandbox database');
  for (const url of protectedUrls) {
    let path: string | undefined;
    try {
      path = databasePath(url);
    } catch {
      continue;
    }
    if (same(store.path, path) || (store.path === undefined && url === store.url)) {
      throw new SandboxResetError('refusing to reset: the sandbox database is also the deployment database');
    }
  }
}

/** Deletes every row of every table (migrations kept), in one transaction. */
export function emptyDatabase(sqlite: Database.Database): number {
  const tables = (sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !KEEP.has(n));
  // Foreign keys would force a delete order; the whole database is emptied, so they are off meanwhile.
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.transaction(() => {
      for (const name of tables) sqlite.prepare(`delete from "${name.replace(/"/g, '""')}"`).run();
      const seq = sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = 'sqlite_sequence'`).get();
      if (seq) sqlite.prepare('delete from sqlite_sequence').run();
    })();
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  return tables.length;
}
