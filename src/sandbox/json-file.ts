// Small JSON files next to the sandbox database (its clock and its chat threads): read once, written
// atomically (temp file + rename) so a crash never leaves half a file. No path: memory only.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { databasePath } from '../store/connection.js';

export function readJsonFile(path: string | undefined): unknown {
  if (!path) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    // Missing or unreadable: start afresh (a sandbox loses nothing that matters).
    return undefined;
  }
}

export function writeJsonFile(path: string | undefined, data: unknown): void {
  if (!path) return;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, path);
}

export function removeJsonFile(path: string | undefined): void {
  if (path) rmSync(path, { force: true });
}

export interface SandboxFiles {
  /** The sandbox clock's offset. */
  readonly clock: string | undefined;
  /** The DM and channel threads. */
  readonly chat: string | undefined;
}

/** Files kept next to the sandbox database (none for an in-memory database). */
export function sandboxFiles(databaseUrl: string): SandboxFiles {
  const db = databasePath(databaseUrl);
  return { clock: db ? `${db}.clock.json` : undefined, chat: db ? `${db}.chat.json` : undefined };
}
