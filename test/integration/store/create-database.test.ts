// createDatabaseIfMissing, what the benchmarks given `--db postgres://…` run first: it creates the named
// database once, leaves an existing one alone, and says why it failed without repeating a password.
// The creating cases need the real server; without TEST_DATABASE_URL they say so and skip.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDatabaseIfMissing } from '../../../src/store/pg/create-database.js';
import { NO_SERVER_REASON, TEST_DATABASE_URL } from '../../helpers/postgres.js';

if (!TEST_DATABASE_URL) console.warn(`create-database: ${NO_SERVER_REASON}`);

describe('createDatabaseIfMissing', () => {
  it('fails with the server unreachable, the password masked', async () => {
    await expect(createDatabaseIfMissing('postgres://bench:s3cret@127.0.0.1:1/bench')).rejects.toThrow(
      /^cannot create database postgres:\/\/bench:\*\*\*@127\.0\.0\.1:1\/bench: /,
    );
  });

  it.skipIf(!TEST_DATABASE_URL)('creates the database once, then finds it there', async () => {
    const url = new URL(TEST_DATABASE_URL!);
    const name = `rituals_test_${randomBytes(6).toString('hex')}`;
    url.pathname = `/${name}`;
    try {
      expect(await createDatabaseIfMissing(url.toString())).toBe(true);
      expect(await createDatabaseIfMissing(url.toString())).toBe(false);
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      expect((await client.query('select current_database() as db')).rows).toEqual([{ db: name }]);
      await client.end();
    } finally {
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
