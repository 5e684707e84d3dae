// Entry of the background worker thread (see background-thread.ts for why it exists). Before anything
// else, before even loading the modules of its work (Bolt, botbuilder, the engine, the charts), the
// thread lowers its own CPU priority (thread-priority.ts), so its start-up and all it does afterwards
// yield to the thread that answers Slack and Teams. Then background-service.ts runs the work.
import { parentPort, workerData } from 'node:worker_threads';
import type { BackgroundStart, FromBackground } from './background-protocol.js';
import { lowerThreadPriority } from './thread-priority.js';

const priority = lowerThreadPriority((workerData as BackgroundStart).config.backgroundNice);
try {
  const { runBackground, reportStartFailure } = await import('./background-service.js');
  await runBackground(priority).catch(reportStartFailure);
} catch (err) {
  const failed: FromBackground = { type: 'failed', message: err instanceof Error ? err.message : String(err) };
  parentPort!.postMessage(failed);
}
