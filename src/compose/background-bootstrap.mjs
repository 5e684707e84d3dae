// Starts a worker thread from source (tsx, tests): Node 20 does not carry a loader given with --import
// over to worker threads, so tsx is registered here before the TypeScript entry loads: the background
// worker (background-worker.ts), or the module `workerData.entry` names (the workspace reader).
// The compiled build starts its .js entries directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData?.entry ?? './background-worker.ts');
