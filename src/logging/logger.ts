// The one structured logger (pino). Child loggers per area; secrets are redacted by key and the
// message bodies users type are never logged (callers log ids and counts only).
import { type Logger as PinoLogger, pino } from 'pino';

export type Logger = PinoLogger;

/** Keys whose values must never reach a log line, wherever they appear in a logged object. */
export const REDACTED_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'clientSecret',
  'stateSecret',
  'appPassword',
  'password',
  'authorization',
  'secret',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`]);
  return pino(
    {
      level,
      base: { app: 'goal-rituals' },
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    (destination ?? process.stdout) as pino.DestinationStream,
  );
}
