// Where a SQLite database URL points, in a module of its own (no driver loaded): the store opens it,
// and the start-up keeps the parsed workspace config next to it (config/workspace-cache.ts).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPostgresUrl, StoreError, withoutPassword } from './store-error.js';

/** `:memory:` (also `file::memory:`), `file:./data/x.db`, `file:///abs/x.db` or a plain path. */
export function databasePath(url: string): string | undefined {
  const u = url.trim();
  if (u === '') throw new StoreError('database URL is empty');
  if (u === ':memory:' || u === 'file::memory:') return undefined;
  if (u.startsWith('file://')) return fileURLToPath(u.split('?')[0]!);
  if (u.startsWith('file:')) return resolve(u.slice('file:'.length).split('?')[0]!);
  if (isPostgresUrl(u)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u))
    throw new StoreError(
      `unsupported database URL ${withoutPassword(url)}: use postgres://…, a file path, file:PATH or :memory:`,
    );
  return resolve(u);
}
