// Breach scans requested by check-ins, run after the answer instead of before it, and coalesced per
// team: the requests of a team within `windowMs` share one scan, which starts after the team's previous
// scan and reads the values as they are when it starts (so it sees every answer that asked for it).
// A scan is a read of the whole team; a burst of answers from one team thus costs one, not one each.
// Coalescing is per process: answers landing on two replicas may scan one team twice at once, which is
// safe (a breach already open is returned, not opened again; a nudge is queued once per breach key).

export interface CoalescedScansOptions {
  /** Runs one team's scan (the engine's scanBreaches). */
  readonly run: (teamId: string) => Promise<unknown>;
  /** A failed scan: logged by the caller; the daily scan catches up. */
  readonly onError: (teamId: string, err: unknown) => void;
  /** How long a requested scan waits for more requests of its team (default 1 s). */
  readonly windowMs?: number;
}

export class CoalescedScans {
  /** Teams whose next scan is requested and not started yet. */
  private readonly queued = new Map<string, Promise<void>>();
  /** The scan of a team in progress (the next one starts after it). */
  private readonly running = new Map<string, Promise<void>>();
  private readonly all = new Set<Promise<void>>();
  private readonly windowMs: number;

  constructor(private readonly opts: CoalescedScansOptions) {
    this.windowMs = opts.windowMs ?? 1_000;
  }

  /** Asks for a scan of the team soon; returns at once. */
  request(teamId: string): void {
    if (this.queued.has(teamId)) return;
    const previous = this.running.get(teamId) ?? Promise.resolve();
    const next = (async () => {
      await Promise.all([previous, new Promise<void>((resolve) => setTimeout(resolve, this.windowMs))]);
      // From here on a new request queues the team's next scan.
      this.queued.delete(teamId);
      const scan = this.opts.run(teamId).then(
        () => undefined,
        (err: unknown) => this.opts.onError(teamId, err),
      );
      this.running.set(teamId, scan);
      await scan;
      if (this.running.get(teamId) === scan) this.running.delete(teamId);
    })();
    this.queued.set(teamId, next);
    this.all.add(next);
    void next.finally(() => this.all.delete(next));
  }

  /** Resolves once every requested scan has run (shutdown, tests). */
  async settle(): Promise<void> {
    while (this.all.size > 0) await Promise.allSettled([...this.all]);
  }
}
