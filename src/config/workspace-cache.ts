// The parsed workspace config, kept next to the SQLite database so that a restart with the same file
// skips the YAML parser and the checks (for a thousand members, about 400 ms of a cold start). Keyed by
// a hash of the file's exact text, the name it was given under (problems and warnings name it) and the
// build that parsed it (dist/.build-stamp, written by every build): a changed file or a new version of
// the bot parses again. Only a file that loaded is kept; one with problems is parsed (and reported)
// every time. Without a build stamp (running from source) or a writable folder, nothing is kept, and a
// cache file that cannot be read as expected is ignored: the file is then parsed as if there were none.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Workspace } from '../core/domain/model.js';
import { databasePath } from '../store/database-path.js';
import { type AppConfig, hasPlatform } from './env.js';
import type { ConfigProblem } from './workspace-problems.js';

const PREFIX = '.workspace-config-';
const SUFFIX = '.json';

export interface CachedParse {
  readonly workspace: Workspace;
  readonly summary: string;
  readonly warnings: ConfigProblem[];
}

/** The folder of a SQLite database URL; none for PostgreSQL, an in-memory database or a bad URL. */
export function databaseFolder(url: string): string | undefined {
  try {
    const path = databasePath(url);
    return path ? dirname(path) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a start keeps the parsed workspace: the folder of the SQLite database it uses (the sandbox's
 * when it runs the sandbox).
 */
export function workspaceCacheDir(config: AppConfig): string | undefined {
  const sandbox = config.sandbox === 'on' || (config.sandbox === 'auto' && !hasPlatform(config));
  return databaseFolder(sandbox ? config.sandboxDatabaseUrl : config.databaseUrl);
}

let stamp: string | null | undefined;

/** The build that runs (the text of dist/.build-stamp); undefined from source. */
export function buildId(): string | undefined {
  if (stamp === undefined) {
    const file = new URL('../.build-stamp', import.meta.url);
    stamp = import.meta.url.endsWith('.js') && existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
  }
  return stamp ?? undefined;
}

export function cacheKey(text: string, file: string, build: string): string {
  return createHash('sha256').update(build).update('\0').update(file).update('\0').update(text).digest('hex');
}

const pathOf = (dir: string, key: string) => join(dir, `${PREFIX}${key}${SUFFIX}`);

export function readCached(dir: string, key: string): CachedParse | undefined {
  try {
    const value = JSON.parse(readFileSync(pathOf(dir, key), 'utf8')) as Partial<CachedParse> & { key?: string };
    if (value.key !== key || !value.workspace || typeof value.summary !== 'string' || !Array.isArray(value.warnings))
      return undefined;
    return { workspace: value.workspace, summary: value.summary, warnings: value.warnings };
  } catch {
    return undefined;
  }
}

/** Keeps `value` under `key` (written whole, then renamed) and removes the older ones; never throws. */
export function writeCached(dir: string, key: string, value: CachedParse): void {
  const target = pathOf(dir, key);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    // On a first start the database's folder may not exist yet (the store creates it a moment later).
    mkdirSync(dir, { recursive: true });
    writeFileSync(temporary, JSON.stringify({ key, ...value }));
    renameSync(temporary, target);
    for (const name of readdirSync(dir))
      if (name.startsWith(PREFIX) && name !== `${PREFIX}${key}${SUFFIX}`) rmSync(join(dir, name), { force: true });
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there.
    }
  }
}

/** Keeps a file's parse for the next start (when running a build and given a folder); never throws. */
export function keepParsed(dir: string | undefined, text: string, file: string, value: CachedParse): void {
  const build = dir ? buildId() : undefined;
  if (dir && build) writeCached(dir, cacheKey(text, file, build), value);
}

/**
 * Removes every kept parse in `dir` (after a member is erased: the copy of a config that still named
 * them must not outlive it); never throws.
 */
export function dropCached(dir: string | undefined): void {
  if (!dir) return;
  try {
    for (const name of readdirSync(dir)) if (name.startsWith(PREFIX)) rmSync(join(dir, name), { force: true });
  } catch {
    // No folder, nothing kept.
  }
}
