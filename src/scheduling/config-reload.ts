// Hot reload of the workspace YAML: watches the file's folder (editors often write a temp file and
// rename it over the original, which a watch on the file itself would miss) plus a slow stat poll as a
// safety net (bind mounts, network drives), debounces, re-parses, and hands a valid config to
// `onChange` (the composition swaps the workspace and re-syncs the store). An invalid file is logged
// with its problems and the previous config stays in force.
//
// Several replicas: each watches its own copy of the file and keeps its own workspace in memory, so every
// replica must be given the same file (one ConfigMap, one shared volume). Each replica syncs the store
// before using a new config (the store must know new members and objectives first), which is why the sync
// is not leader-only: it is idempotent (only differences are written, an unchanged config writes nothing,
// nothing is deleted), so N replicas syncing the same file leave one set of changes. Replicas holding
// different files (the minutes of a rollout) each sync their own on start or change; the store follows
// the last one, and rows that the other version needs are kept (marked inactive, never deleted).
import { type FSWatcher, watch } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { keepParsed } from '../config/workspace-cache.js';
import { formatProblem, type LoadedWorkspace, parseWorkspace } from '../config/workspace-load.js';
import type { CoreLogger } from '../core/ports/index.js';

export type ReloadResult =
  | { readonly status: 'reloaded'; readonly loaded: LoadedWorkspace }
  | { readonly status: 'unchanged' }
  | { readonly status: 'invalid'; readonly problems: readonly string[] }
  | { readonly status: 'failed'; readonly error: string };

export interface ConfigWatcherOptions {
  /** The workspace file, as the user gave it (problems name it so). */
  readonly path: string;
  readonly log: CoreLogger;
  readonly onChange: (loaded: LoadedWorkspace) => void | Promise<void>;
  /** Where the start keeps the parsed file (config/workspace-cache.ts): a reload replaces it there. */
  readonly cacheDir?: string;
  readonly debounceMs?: number;
  /** Stat poll interval; 0 turns the poll off (default 2 s). */
  readonly pollMs?: number;
}

export interface ConfigWatcher {
  /** Re-reads the file now (also what a change event triggers). */
  reload(): Promise<ReloadResult>;
  close(): void;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function watchWorkspaceConfig(opts: ConfigWatcherOptions): Promise<ConfigWatcher> {
  const absolute = resolve(opts.path);
  const name = basename(absolute);
  const debounceMs = opts.debounceMs ?? 250;
  const pollMs = opts.pollMs ?? 2_000;
  // The text in force: an event that leaves it unchanged (touch, a second event for one save) is a no-op.
  let current: string | undefined = await readFile(absolute, 'utf8').catch(() => undefined);
  let fingerprint = await statKey();
  let debounce: NodeJS.Timeout | undefined;
  let closed = false;
  let queue: Promise<ReloadResult> = Promise.resolve({ status: 'unchanged' });

  async function statKey(): Promise<string> {
    try {
      const s = await stat(absolute);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return 'missing';
    }
  }

  async function doReload(): Promise<ReloadResult> {
    let text: string;
    try {
      text = await readFile(absolute, 'utf8');
    } catch (err) {
      // Mid-replace the file may be briefly missing: keep the config in force, the next event retries.
      opts.log.warn({ path: opts.path, err: message(err) }, 'workspace config unreadable, keeping the previous one');
      return { status: 'failed', error: message(err) };
    }
    if (text === current) return { status: 'unchanged' };
    const parsed = parseWorkspace(text, opts.path);
    if (!parsed.ok) {
      const problems = parsed.problems.map(formatProblem);
      opts.log.error({ path: opts.path, problems }, 'workspace config invalid, keeping the previous one');
      current = text;
      return { status: 'invalid', problems };
    }
    const loaded: LoadedWorkspace = {
      workspace: parsed.workspace,
      path: absolute,
      isExample: false,
      summary: parsed.summary,
      warnings: parsed.warnings,
    };
    try {
      await opts.onChange(loaded);
    } catch (err) {
      opts.log.error({ path: opts.path, err: message(err) }, 'applying the new workspace config failed');
      return { status: 'failed', error: message(err) };
    }
    current = text;
    keepParsed(opts.cacheDir, text, opts.path, {
      workspace: parsed.workspace,
      summary: parsed.summary,
      warnings: parsed.warnings,
    });
    opts.log.info({ path: opts.path, summary: parsed.summary }, 'workspace config reloaded');
    return { status: 'reloaded', loaded };
  }

  // One reload at a time, in order.
  const reload = (): Promise<ReloadResult> => (queue = queue.then(doReload, doReload));

  const schedule = () => {
    if (closed) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => void reload(), debounceMs);
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(absolute), { persistent: false }, (_event, file) => {
      if (file === null || file.toString() === name) schedule();
    });
    watcher.on('error', (err) =>
      opts.log.warn({ path: opts.path, err: message(err) }, 'config watch failed, polling only'),
    );
  } catch (err) {
    opts.log.warn({ path: opts.path, err: message(err) }, 'cannot watch the config folder, polling only');
  }

  const poll =
    pollMs > 0
      ? setInterval(() => {
          void statKey().then((key) => {
            if (key !== fingerprint) {
              fingerprint = key;
              schedule();
            }
          });
        }, pollMs)
      : undefined;
  poll?.unref();

  return {
    reload,
    close() {
      closed = true;
      clearTimeout(debounce);
      if (poll) clearInterval(poll);
      watcher?.close();
    },
  };
}
