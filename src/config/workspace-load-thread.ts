// Reads the workspace file at start-up in a worker thread of its own. Parsing and validating a large
// YAML file (a thousand members: about 400 ms of CPU before the code is warm) then overlaps with what
// the main thread does meanwhile (loading its modules, opening the store) instead of adding to it: main.ts
// starts it before it even imports the app. The result is the same LoadedWorkspace (plain data, cloned
// across); a bad file rejects with the same WorkspaceConfigError and problems. Should the thread itself
// fail (not the file), the file is read here instead.
import { Worker } from 'node:worker_threads';
import { type ConfigProblem, type LoadedWorkspace, WorkspaceConfigError } from './workspace-problems.js';

export type WorkspaceLoadReply =
  | { readonly ok: true; readonly loaded: LoadedWorkspace }
  | { readonly ok: false; readonly problems?: readonly ConfigProblem[]; readonly message: string };

/** Compiled: dist/config/workspace-load-worker.js; from source (tsx, tests): through the tsx bootstrap. */
function defaultEntry(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './workspace-load-worker.ts' : './workspace-load-worker.js', import.meta.url);
}

function startWorker(entry: URL, path: string | undefined, cacheDir: string | undefined): Worker {
  return entry.pathname.endsWith('.ts')
    ? new Worker(new URL('../compose/background-bootstrap.mjs', import.meta.url), {
        workerData: { entry: entry.href, path, cacheDir },
      })
    : new Worker(entry, { workerData: { path, cacheDir } });
}

function inThread(entry: URL, path: string | undefined, cacheDir: string | undefined): Promise<LoadedWorkspace> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(entry, path, cacheDir);
    worker.once('message', (m: WorkspaceLoadReply) => {
      if (m.ok) resolve(m.loaded);
      else reject(m.problems ? new WorkspaceConfigError([...m.problems]) : new Error(m.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the workspace reader thread exited with ${code}`)));
  });
}

/**
 * Like loadWorkspace(path, { cacheDir }), parsed in a worker thread. `entry` replaces the thread's module
 * (tests: a reader that fails, to see the file read here instead).
 */
export async function loadWorkspaceInThread(
  path: string | undefined,
  cacheDir?: string,
  opts: { readonly entry?: URL } = {},
): Promise<LoadedWorkspace> {
  try {
    return await inThread(opts.entry ?? defaultEntry(), path, cacheDir);
  } catch (err) {
    if (err instanceof WorkspaceConfigError) throw err;
    // Loaded only then: the parser and the schema stay off this thread's start-up.
    const { loadWorkspace } = await import('./workspace-load.js');
    return loadWorkspace(path, cacheDir ? { cacheDir } : {});
  }
}
