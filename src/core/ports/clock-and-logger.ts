// Core port: Time and logging as the core sees them.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.

/** The clock, injected so rituals, tests and the sandbox's time travel agree on "now". */
export interface Clock {
  now(): Date;
}

/** Structured logging, as the core sees it: ids and counts, never tokens or message bodies. */
export interface CoreLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
  debug(obj: Record<string, unknown>, msg: string): void;
}
