// The worker thread of workspace-load-thread.ts: reads and validates the workspace file, answers once.
import { parentPort, workerData } from 'node:worker_threads';
import { loadWorkspace, WorkspaceConfigError } from './workspace-load.js';
import type { WorkspaceLoadReply } from './workspace-load-thread.js';

const { path, cacheDir } = workerData as { path?: string; cacheDir?: string };
let reply: WorkspaceLoadReply;
try {
  reply = { ok: true, loaded: await loadWorkspace(path, cacheDir ? { cacheDir } : {}) };
} catch (err) {
  reply =
    err instanceof WorkspaceConfigError
      ? { ok: false, problems: err.problems, message: err.message }
      : { ok: false, message: err instanceof Error ? err.message : String(err) };
}
parentPort!.postMessage(reply);
