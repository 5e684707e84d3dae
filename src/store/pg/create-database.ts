// Creates the database a PostgreSQL URL names when it does not exist yet, connecting to the server's
// `postgres` database to do so: what `npm run bench -- ... --db postgres://…/bench` needs on a fresh server.
// The bot itself never creates databases; an operator provisions its database.
import pg from 'pg';
import { reason, StoreError, withoutPassword } from '../store-error.js';
import { quoteIdent } from '../table-scan.js';

/** True when it created the database, false when it already existed. */
export async function createDatabaseIfMissing(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new StoreError(`no database name in ${withoutPassword(url)}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database ${quoteIdent(name)}`);
    return true;
  } catch (err) {
    throw new StoreError(`cannot create database ${withoutPassword(url)}: ${reason(err)}`, { cause: err });
  } finally {
    await client.end().catch(() => undefined);
  }
}
