// Turns what the Bot Connector answered (an HTTP error from the SDK, or a network failure) into the
// outbox's vocabulary: rate limited (429 + Retry-After), transient (412, 5xx, network: retry later),
// or permanent (403 uninstalled / blocked, 404 conversation gone: park it, tell the admins). A permanent
// refusal of the conversation itself also marks the stored reference dead.
import type { SendOutcome } from '../core/ports/index.js';

export type FailedOutcome = Exclude<SendOutcome, { status: 'sent' }>;

export interface MappedError {
  readonly outcome: FailedOutcome;
  /** The conversation is gone for good: mark its reference dead. */
  readonly deadConversation: boolean;
}

const TRANSIENT = new Set([408, 412, 500, 502, 503, 504]);
/** When Teams says 429 without a Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

interface ErrorLike {
  statusCode?: number;
  code?: string;
  details?: unknown;
  response?: { status?: number; headers?: { get?(name: string): string | undefined | null } };
  message?: string;
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function errorCodes(details: unknown): { code?: string; subCode?: string } {
  const d = details as
    | { error?: { code?: unknown; subCode?: unknown; innerHttpError?: unknown }; subCode?: unknown }
    | undefined;
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  return { code: str(d?.error?.code), subCode: str(d?.error?.subCode) ?? str(d?.subCode) };
}

export function mapSendError(err: unknown, now = Date.now()): MappedError {
  const e = (err ?? {}) as ErrorLike;
  const status = e.statusCode ?? e.response?.status;
  const { code, subCode } = errorCodes(e.details);
  const label = [status ?? 'network', subCode ?? code].filter(Boolean).join(':');
  if (status === undefined) {
    // No HTTP answer at all: DNS, refused or reset connection, timeout.
    return {
      outcome: {
        status: 'failed_transient',
        code: 'teams.network',
        reason: e.code ?? 'no response from the Bot Connector',
      },
      deadConversation: false,
    };
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(e.response?.headers?.get?.('retry-after'), now) ?? DEFAULT_RETRY_AFTER_MS;
    return { outcome: { status: 'rate_limited', retryAfterMs }, deadConversation: false };
  }
  if (TRANSIENT.has(status)) {
    return { outcome: { status: 'failed_transient', code: `teams.${status}`, reason: label }, deadConversation: false };
  }
  if (status === 403 || status === 404) {
    const why = subCode ?? code ?? (status === 403 ? 'Forbidden' : 'NotFound');
    return {
      outcome: {
        status: 'failed_permanent',
        code: status === 403 ? 'teams.blocked' : 'teams.conversation_not_found',
        reason: `${label} (${why})`,
      },
      deadConversation: true,
    };
  }
  // 400 (a malformed or oversized message), 401 (bad app credentials) and the rest will not fix themselves.
  return { outcome: { status: 'failed_permanent', code: `teams.${status}`, reason: label }, deadConversation: false };
}

/** Node's codes for a connection that failed or dropped (a "socket hang up" is ECONNRESET). */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'REQUEST_SEND_ERROR',
]);

/**
 * A connector failure worth sending again later (429, 412, 5xx, a dropped connection), with the wait
 * Teams asked for; undefined for anything else, a bug in our own code included (an error without an
 * HTTP status is only a network failure when it says so).
 */
export function retryableSendError(err: unknown, now = Date.now()): { readonly retryAfterMs: number } | undefined {
  const e = (err ?? {}) as ErrorLike;
  const status = e.statusCode ?? e.response?.status;
  if (status === undefined) {
    const network = (e.code !== undefined && NETWORK_CODES.has(e.code)) || /socket hang up/i.test(e.message ?? '');
    return network ? { retryAfterMs: 0 } : undefined;
  }
  const { outcome } = mapSendError(err, now);
  if (outcome.status === 'rate_limited') return { retryAfterMs: outcome.retryAfterMs };
  return outcome.status === 'failed_transient' ? { retryAfterMs: 0 } : undefined;
}
