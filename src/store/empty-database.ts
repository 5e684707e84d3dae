// Empties every table of the database (the schema and its migration history stay), in one transaction:
// `store.reset()`, behind the sandbox's reset button. Emptying in place keeps the open connection that
// the core and the outbox sender hold valid, which deleting the file under them would not.
import type Database from 'better-sqlite3';

const KEEP = new Set(['__drizzle_migrations']);

/** Deletes every row of every table (migrations kept); returns how many tables were emptied. */
export function emptyDatabase(sqlite: Database.Database): number {
  const tables = (
    sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as {
      name: string;
    }[]
  )
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
