// Opens a migrated store for a test: in memory, or in a fresh temporary directory. With TEST_STORE=postgres
// (the `postgres` test project) `memoryStore()` is an empty PostgreSQL store instead (store-backends.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/connection.js';

export const memoryStore = async (): Promise<Store> =>
  process.env.TEST_STORE === 'postgres'
    ? (await import('./store-backends.js')).openPostgresStore()
    : openStore(':memory:');

export interface TempDir {
  readonly dir: string;
  file(name: string): string;
  remove(): void;
}

export function tempDir(prefix = 'rituals-store-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
