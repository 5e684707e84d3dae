// A CoreLogger that keeps what was logged, so a test can assert on levels, messages and fields.
import type { CoreLogger } from '../../src/core/ports/index.js';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly obj: Record<string, unknown>;
}

export interface CaptureLog extends CoreLogger {
  readonly entries: LogEntry[];
  messages(level?: LogEntry['level']): string[];
}

export function captureLog(): CaptureLog {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: Record<string, unknown>, msg: string) =>
    void entries.push({ level, msg, obj });
  return {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    messages: (level) => entries.filter((e) => !level || e.level === level).map((e) => e.msg),
  };
}
