// The logging the Slack adapter needs (a pino logger fits), and the adapter Bolt's own logger interface
// wants. Bolt's lines go through at their level; ids and counts only, never tokens or bodies.
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';

export interface SlackLog {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
  debug(obj: Record<string, unknown>, msg: string): void;
}

const text = (parts: unknown[]): string =>
  parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');

/** `withDebug: false` drops debug lines: the Web API client logs request bodies (message text) at debug. */
export function boltLogger(log: SlackLog, withDebug = false): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...m: unknown[]) => {
      if (withDebug) log.debug({ area: 'bolt' }, text(m));
    },
    info: (...m: unknown[]) => log.info({ area: 'bolt' }, text(m)),
    warn: (...m: unknown[]) => log.warn({ area: 'bolt' }, text(m)),
    error: (...m: unknown[]) => log.error({ area: 'bolt' }, text(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** Error details worth logging: name, message and Slack code; no request bodies. */
export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    const e = err as Error & { code?: unknown; data?: { error?: unknown } };
    return { name: e.name, message: e.message, code: e.code, slackError: e.data?.error };
  }
  return { message: String(err) };
}
