// Migrating PostgreSQL at start: migrations/pg applies in full on a fresh database, a second run applies
// nothing, and two replicas starting together (two connections, concurrently) both succeed while each
// migration is recorded once: the advisory lock makes the second wait for the first. The concurrent case
// needs a real server (PGlite has one session); the rest falls back to PGlite when there is none.
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../../src/store/migrate.js';
import {
  MIGRATION_LOCK_KEY,
  migratePostgres,
  PG_MIGRATIONS_FOLDER,
  runPgMigrationsLocked,
} from '../../../src/store/pg/migrate.js';
import { createTestDatabase, NO_SERVER_REASON, TEST_DATABASE_URL, type TestDatabase } from '../../helpers/postgres.js';

const tags = readJournal(PG_MIGRATIONS_FOLDER).map((e) => e.tag);

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

if (!TEST_DATABASE_URL) console.warn(`pg-migrate: ${NO_SERVER_REASON}; the single-session cases run on PGlite`);

describe('PostgreSQL migrations', () => {
  it('has migrations to apply', () => {
    expect(tags.length).toBeGreaterThan(0);
    expect(tags[0]).toBe('0000_init');
  });

  describe.skipIf(!TEST_DATABASE_URL)('on the real server', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase(TEST_DATABASE_URL!);
    });
    afterAll(async () => {
      await db?.drop();
    });

    it('two replicas starting together on a fresh database both succeed and migrate once', async () => {
      const [a, b] = await Promise.all([migratePostgres(db.url), migratePostgres(db.url)]);
      // One of them applied everything, the other waited on the lock and found nothing left.
      expect([a.applied, b.applied].sort((x, y) => y.length - x.length)).toEqual([tags, []]);
      expect(a.known).toEqual(tags);

      const rows = await query<{ hash: string; n: string }>(
        db.url,
        'select hash, count(*) as n from drizzle.__drizzle_migrations group by hash',
      );
      expect(rows).toHaveLength(tags.length);
      expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
      const tables = await query<{ n: string }>(
        db.url,
        `select count(*) as n from information_schema.tables where table_schema = 'public'`,
      );
      expect(Number(tables[0]!.n)).toBeGreaterThanOrEqual(20);
    });

    it('a later start applies nothing and leaves the lock free', async () => {
      const again = await migratePostgres(db.url);
      expect(again.applied).toEqual([]);
      const locks = await query<{ n: string }>(
        db.url,
        // Advisory locks are per database: look at this one only, other test files may be migrating theirs.
        `select count(*) as n from pg_locks l join pg_database d on d.oid = l.database
          where d.datname = current_database() and l.locktype = 'advisory' and l.objid = ${MIGRATION_LOCK_KEY}`,
      );
      expect(Number(locks[0]!.n)).toBe(0);
    });

    it('waits while another session holds the lock', async () => {
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      try {
        await holder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        let done = false;
        const run = migratePostgres(db.url).then((r) => {
          done = true;
          return r;
        });
        await new Promise((r) => setTimeout(r, 500));
        expect(done).toBe(false);
        await holder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        expect((await run).applied).toEqual([]);
      } finally {
        await holder.end();
      }
    });
  });

  // PGlite runs everywhere: the fallback of a machine without a server is itself tested on every run.
  describe('on PGlite (in process)', () => {
    it('applies every migration once, then nothing', async () => {
      const client = new PGlite();
      try {
        const db = drizzlePglite({ client });
        const first = await runPgMigrationsLocked(db, migratePglite);
        expect(first.applied).toEqual(tags);
        const second = await runPgMigrationsLocked(db, migratePglite);
        expect(second.applied).toEqual([]);
        const rows = await client.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
        expect(rows.rows[0]!.n).toBe(tags.length);
      } finally {
        await client.close();
      }
    });
  });
});
