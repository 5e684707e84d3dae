// PostgreSQL for tests: the server TEST_DATABASE_URL points at (.ci/run sets it when one answers), a fresh
// database on it per test file, and the in-process PGlite for the tests that can run without a server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the PostgreSQL tests use, or undefined when none was given (`TEST_DATABASE_URL=none` runs the
 * suite as on a machine without a server: PGlite only). */
const given = process.env.TEST_DATABASE_URL?.trim();
export const TEST_DATABASE_URL: string | undefined = given && given !== 'none' ? given : undefined;

/** Why a test that needs a real server is skipped; printed once by the file that skips. */
export const NO_SERVER_REASON =
  'TEST_DATABASE_URL is not set: tests that need a real PostgreSQL server are skipped (.ci/run sets it when one answers on 127.0.0.1:5432)';

export interface TestDatabase {
  /** URL of the new database, same server and credentials as the one given. */
  readonly url: string;
  readonly name: string;
  /** Drops the database, ending any connection still open on it. */
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onAdminDb<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  // CREATE and DROP DATABASE run from another database: `postgres` exists on every server.
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates `rituals_test_<random>` on the server `serverUrl` reaches, so each run starts from nothing. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `rituals_test_${randomBytes(6).toString('hex')}`;
  await onAdminDb(serverUrl, (c) => c.query(`create database ${name}`));
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: async () => {
      await onAdminDb(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
