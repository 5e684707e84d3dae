// The committed migrations are applied in order, and opening a store sets the pragmas the bot relies on.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath, openStore } from '../../../src/store/connection.js';
import { MIGRATIONS_FOLDER, readJournal } from '../../../src/store/migrate.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { type TempDir, tempDir } from '../../helpers/store.js';

let tmp: TempDir | undefined;
afterEach(() => tmp?.remove());

describe('migration journal', () => {
  const entries = readJournal();

  it('lists at least one migration, each with its SQL file', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(existsSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`)), e.tag).toBe(true);
  });

  it('has strictly increasing `when` timestamps (drizzle skips out-of-order ones silently)', () => {
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.when).toBeGreaterThan(entries[i - 1]!.when);
    expect(entries.map((e) => e.idx)).toEqual(entries.map((_, i) => i));
  });

  it('is the file drizzle reads', () => {
    const raw = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
    expect(raw.dialect).toBe('sqlite');
  });
});

describe('openStore', () => {
  it('migrates an in-memory database with foreign keys on', async () => {
    const store = await openStore(':memory:');
    expect(store.path).toBeUndefined();
    expect(store.migrations.applied).toEqual(readJournal().map((e) => e.tag));
    expect(rawSqlite(store).pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = rawSqlite(store).prepare(`select name from sqlite_master where type = 'table'`).pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['check_ins', 'metric_values', 'outbox', 'audit_log', 'scheduler_leases']),
    );
    await store.close();
  });

  it('creates the parent directory of a file: URL and sets WAL, busy timeout and synchronous', async () => {
    tmp = tempDir();
    const url = `file:${tmp.file('nested/dir/rituals.db')}`;
    const store = await openStore(url);
    expect(existsSync(tmp.file('nested/dir/rituals.db'))).toBe(true);
    expect(rawSqlite(store).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(rawSqlite(store).pragma('foreign_keys', { simple: true })).toBe(1);
    expect(rawSqlite(store).pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(rawSqlite(store).pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    await store.close();
  });

  it('applies nothing the second time a file is opened', async () => {
    tmp = tempDir();
    const path = tmp.file('again.db');
    await (await openStore(path)).close();
    const store = await openStore(path);
    expect(store.migrations.applied).toEqual([]);
    expect(store.migrations.known.length).toBeGreaterThan(0);
    await store.close();
  });

  it('enforces foreign keys', async () => {
    const store = await openStore(':memory:');
    await expect(
      store.checkIns.submit({
        memberId: 'ghost',
        teamId: 'nope',
        periodKey: '2026-W10',
        values: {},
        idempotencyKey: 'k',
        submittedAt: '2026-03-06T15:00:00.000Z',
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    await store.close();
  });

  it('names the database URL when the file is not a database', async () => {
    tmp = tempDir();
    const path = tmp.file('corrupt.db');
    writeFileSync(path, 'this is not a sqlite file, just some text that is long enough to have a header'.repeat(20));
    await expect(openStore(`file:${path}`)).rejects.toThrow(`cannot open database file:${path}`);
  });

  it('names the database URL when the path cannot be created', async () => {
    tmp = tempDir();
    const blocker = tmp.file('a-file');
    writeFileSync(blocker, 'x');
    await expect(openStore(join(blocker, 'sub', 'x.db'))).rejects.toThrow(/cannot open database .*a-file/);
  });

  it('resolves the URL forms', () => {
    expect(databasePath(':memory:')).toBeUndefined();
    expect(databasePath('file::memory:')).toBeUndefined();
    expect(databasePath('file:./data/x.db')).toBe(join(process.cwd(), 'data/x.db'));
    expect(databasePath('file:///tmp/x.db')).toBe('/tmp/x.db');
    expect(databasePath('data/y.db')).toBe(join(process.cwd(), 'data/y.db'));
    // PostgreSQL has no file path; any other scheme is refused, its password not repeated.
    expect(databasePath('postgres://db/x')).toBeUndefined();
    expect(() => databasePath('mysql://me:hunter2@db/x')).toThrow(/unsupported database URL mysql:\/\/me:\*\*\*@db\/x/);
  });
});
