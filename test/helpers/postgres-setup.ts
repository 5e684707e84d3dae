// Test-run setup: finds the local PostgreSQL server when TEST_DATABASE_URL is not set, so `npm test` on a
// machine with a server runs the PostgreSQL tests against it too (.ci/run sets the variable itself). The
// test files read TEST_DATABASE_URL from the environment their worker inherits from this process.
import pg from 'pg';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL?.trim()) return;
  const client = new pg.Client({ connectionString: LOCAL_SERVER, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query('select 1');
    process.env.TEST_DATABASE_URL = LOCAL_SERVER;
  } catch {
    // No server here: the tests that need one say so and skip; the others run on PGlite.
  } finally {
    await client.end().catch(() => undefined);
  }
}
