// Core port: Cron arithmetic, behind a port (the matcher lives outside the core).
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.

/** Cron arithmetic (node-cron's matcher lives outside the core): the first fire strictly after `after`. */
export interface CronPort {
  nextFire(expr: string, zone: string, after: Date): Date | null;
}
