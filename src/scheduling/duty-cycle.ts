// A pause for long background work (a fan-out's prompts, built in slices): after a slice, rest in
// proportion to the time it took, so the work uses at most `share` of a CPU core. The background thread
// passes it to the engine: prompts are built far faster than the platforms accept them (Slack about
// one DM a second per channel and tens a second in all), so building them at a fraction of full speed delays no
// message, and leaves the rest of the core to the thread that answers and to the host's other work.

export interface DutyCycleOptions {
  /** Share of one core the work may use, in (0, 1]; 1 rests never (only yields to the event loop). */
  readonly share: number;
  /** Longest single rest, so a long slice does not stall the work for long (default 50 ms). */
  readonly maxRestMs?: number;
  /** Monotonic milliseconds (default performance.now). */
  readonly now?: () => number;
  /** Rests `ms` (default setTimeout); 0 means yield to the event loop (setImmediate). */
  readonly rest?: (ms: number) => Promise<void>;
}

const restFor = (ms: number) =>
  new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

/** How long to rest after `workedMs` of work, to use `share` of a core (rounded down to whole ms). */
export function restAfter(workedMs: number, share: number, maxRestMs: number): number {
  if (share >= 1 || workedMs <= 0) return 0;
  return Math.min(maxRestMs, Math.floor((workedMs * (1 - share)) / share));
}

export function dutyCycle(opts: DutyCycleOptions): () => Promise<void> {
  if (!(opts.share > 0 && opts.share <= 1)) throw new Error(`duty cycle share must be in (0, 1], got ${opts.share}`);
  const now = opts.now ?? (() => performance.now());
  const rest = opts.rest ?? restFor;
  const maxRestMs = opts.maxRestMs ?? 50;
  let since = now();
  return async () => {
    await rest(restAfter(now() - since, opts.share, maxRestMs));
    since = now();
  };
}
