// Online backup through SQLite's backup API (better-sqlite3 `db.backup`): consistent and safe while
// the bot keeps writing, unlike copying the database file (and its WAL) by hand. Reached as
// `store.backup(file)`; formatBytes is shared with the CLI's messages.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';

export interface BackupResult {
  readonly path: string;
  readonly bytes: number;
}

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

export interface BackupOptions {
  readonly overwrite?: boolean;
  /** Pages copied per step. SQLite restarts a backup when another connection writes between steps, so
   * by default everything left is copied in the next step: a steady writer cannot starve the backup
   * (in WAL mode it keeps writing meanwhile). */
  readonly pagesPerStep?: number;
}

/** Copies the database open on `sqlite` (whose own file is `ownPath`) to `destination`. */
export async function backupDatabase(
  sqlite: Database.Database,
  ownPath: string | undefined,
  destination: string,
  opts: BackupOptions = {},
): Promise<BackupResult> {
  const path = resolve(destination);
  if (ownPath && path === ownPath) throw new BackupError(`backup destination ${destination} is the database itself`);
  if (existsSync(path) && !opts.overwrite)
    throw new BackupError(`backup destination ${destination} already exists (use --force to overwrite)`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    await sqlite.backup(path, { progress: ({ remainingPages }) => opts.pagesPerStep ?? Math.max(remainingPages, 100) });
  } catch (err) {
    throw new BackupError(`backup to ${destination} failed: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  return { path, bytes: statSync(path).size };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let n = bytes / 1024;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(1)} ${units[i]}`;
}
