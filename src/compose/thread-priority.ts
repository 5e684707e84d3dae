// The background thread's place in the queue for the CPU. On Linux the nice value is a per-thread
// attribute and os.setPriority() without a pid sets the calling thread's, so the background thread can
// lower its own priority while the thread that answers Slack and Teams keeps the process's. When both
// want the CPU (a fan-out being built and sent while answers come in), the answering thread gets it
// first; when the answering thread is idle, the background thread still uses a whole core. Raising a
// nice value needs no privilege. Elsewhere (or where the system refuses), the thread keeps its priority.
import { getPriority, setPriority } from 'node:os';

export interface PriorityResult {
  /** The calling thread's nice value afterwards. */
  readonly nice: number;
  /** Why it could not be lowered, when it could not. */
  readonly error?: string;
}

/** Adds `by` (0-19) to the calling thread's nice value, capped at 19; never throws. */
export function lowerThreadPriority(by: number): PriorityResult {
  let before = 0;
  try {
    before = getPriority();
    if (by <= 0) return { nice: before };
    setPriority(Math.min(19, before + by));
    return { nice: getPriority() };
  } catch (err) {
    return { nice: before, error: err instanceof Error ? err.message : String(err) };
  }
}
