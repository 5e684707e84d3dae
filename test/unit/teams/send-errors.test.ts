// How Bot Connector answers become outbox outcomes, table-driven over the error shapes the SDK throws.
import { describe, expect, it } from 'vitest';
import { mapSendError, parseRetryAfter, retryableSendError } from '../../../src/teams/send-errors.js';

const restError = (status: number, body?: unknown, headers: Record<string, string> = {}) => ({
  name: 'RestError',
  statusCode: status,
  details: body,
  response: { status, headers: { get: (n: string) => headers[n.toLowerCase()] } },
});

describe('mapSendError', () => {
  it.each([
    [restError(429, undefined, { 'retry-after': '3' }), { status: 'rate_limited', retryAfterMs: 3000 }, false],
    [restError(429), { status: 'rate_limited', retryAfterMs: 1000 }, false],
    [restError(412), { status: 'failed_transient', code: 'teams.412' }, false],
    [restError(500), { status: 'failed_transient', code: 'teams.500' }, false],
    [restError(502), { status: 'failed_transient', code: 'teams.502' }, false],
    [restError(503), { status: 'failed_transient', code: 'teams.503' }, false],
    [restError(504), { status: 'failed_transient', code: 'teams.504' }, false],
    [
      { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
      { status: 'failed_transient', code: 'teams.network' },
      false,
    ],
    [
      restError(403, { error: { code: 'Forbidden', subCode: 'MessageWritesBlocked' } }),
      { status: 'failed_permanent', code: 'teams.blocked' },
      true,
    ],
    [
      restError(403, {
        error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' },
      }),
      { status: 'failed_permanent', code: 'teams.blocked' },
      true,
    ],
    [
      restError(404, { error: { code: 'ConversationNotFound' } }),
      { status: 'failed_permanent', code: 'teams.conversation_not_found' },
      true,
    ],
    [restError(400, { error: { code: 'BadSyntax' } }), { status: 'failed_permanent', code: 'teams.400' }, false],
    [restError(401), { status: 'failed_permanent', code: 'teams.401' }, false],
  ] as const)('%#: maps to %o', (err, outcome, dead) => {
    const mapped = mapSendError(err, 0);
    expect(mapped.outcome).toMatchObject(outcome);
    expect(mapped.deadConversation).toBe(dead);
  });

  it('names the Teams sub-code in the reason the admins will read', () => {
    const mapped = mapSendError(restError(403, { error: { code: 'Forbidden', subCode: 'MessageWritesBlocked' } }));
    expect(mapped.outcome).toMatchObject({ reason: '403:MessageWritesBlocked (MessageWritesBlocked)' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Fri, 20 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('retryableSendError (a reply inside a turn)', () => {
  it.each([
    ['socket hang up', { name: 'RestError', code: 'ECONNRESET', message: 'socket hang up' }, { retryAfterMs: 0 }],
    ['socket hang up, no code', { name: 'RestError', message: 'socket hang up' }, { retryAfterMs: 0 }],
    ['connection refused', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }, { retryAfterMs: 0 }],
    ['412', restError(412), { retryAfterMs: 0 }],
    ['502', restError(502), { retryAfterMs: 0 }],
    ['503', restError(503), { retryAfterMs: 0 }],
    ['504', restError(504), { retryAfterMs: 0 }],
    ['429 with Retry-After', restError(429, undefined, { 'retry-after': '7' }), { retryAfterMs: 7000 }],
    ['400', restError(400), undefined],
    ['403 blocked', restError(403, { error: { code: 'Forbidden', subCode: 'MessageWritesBlocked' } }), undefined],
    ['404', restError(404), undefined],
    ['a bug of ours', new TypeError("Cannot read properties of undefined (reading 'id')"), undefined],
    ['nothing', undefined, undefined],
  ] as const)('%s', (_label, err, expected) => {
    expect(retryableSendError(err, 0)).toEqual(expected);
  });
});
