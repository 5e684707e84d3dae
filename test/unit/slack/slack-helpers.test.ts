// Table tests of the Slack adapter's pure parts: request signatures, Web API errors -> send outcomes,
// modal state -> core inputs, core errors -> Slack's inline errors, private_metadata round trips,
// and the Block Kit limit checks the fake Slack API relies on.
import { describe, expect, it } from 'vitest';
import { decodeMetadata, encodeMetadata } from '../../../src/slack/blocks/check-in.js';
import { fitBlocks, listBlocks } from '../../../src/slack/blocks/common.js';
import { blockKitProblems, clip, packLines, viewProblems } from '../../../src/slack/blocks/limits.js';
import { slackCanReach } from '../../../src/slack/directory.js';
import { toSendOutcome } from '../../../src/slack/errors.js';
import { actionOf } from '../../../src/slack/listeners/actions.js';
import { computeSignature, verifySignature } from '../../../src/slack/signature.js';
import { inputBlockIds, readState, slackErrors } from '../../../src/slack/submission.js';
import { slackSignature } from '../../helpers/slack-sign.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

describe('request signature', () => {
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';
  // The example of Slack's "Verifying requests from Slack" page.
  const body = Buffer.from(
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  );
  const nowMs = 1_531_420_618_000;

  it('matches the documented example of Slack', () => {
    expect(computeSignature(secret, '1531420618', body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('matches the test helper (two implementations agree)', () => {
    expect(computeSignature('s', '100', Buffer.from('{"a":1}'))).toBe(slackSignature('s', 100, '{"a":1}'));
  });

  it.each([
    ['valid', '1531420618', computeSignature(secret, '1531420618', body), { ok: true }],
    ['4m59s old', '1531420319', computeSignature(secret, '1531420319', body), { ok: true }],
    ['5m01s old', '1531420317', computeSignature(secret, '1531420317', body), { ok: false, reason: 'stale' }],
    ['5m01s ahead', '1531420919', computeSignature(secret, '1531420919', body), { ok: false, reason: 'stale' }],
    [
      'wrong secret',
      '1531420618',
      computeSignature('other', '1531420618', body),
      { ok: false, reason: 'bad_signature' },
    ],
    [
      'truncated',
      '1531420618',
      computeSignature(secret, '1531420618', body).slice(0, 20),
      { ok: false, reason: 'bad_signature' },
    ],
    [
      'v1 scheme',
      '1531420618',
      computeSignature(secret, '1531420618', body).replace('v0=', 'v1='),
      { ok: false, reason: 'bad_signature' },
    ],
    ['no signature', '1531420618', undefined, { ok: false, reason: 'missing_headers' }],
    ['no timestamp', undefined, 'v0=abc', { ok: false, reason: 'missing_headers' }],
    ['non-numeric timestamp', '15314x0618', 'v0=abc', { ok: false, reason: 'missing_headers' }],
  ])('%s', (_name, timestamp, signature, expected) => {
    expect(verifySignature({ signingSecret: secret, timestamp, signature, rawBody: body, nowMs })).toEqual(expected);
  });
});

const platformError = (error: string) => ({ code: 'slack_webapi_platform_error', data: { ok: false, error } });

describe('Slack errors -> send outcomes', () => {
  it.each([
    [platformError('not_in_channel'), 'failed_permanent', 'not_in_channel'],
    [platformError('channel_not_found'), 'failed_permanent', 'channel_not_found'],
    [platformError('account_inactive'), 'failed_permanent', 'account_inactive'],
    [platformError('is_archived'), 'failed_permanent', 'is_archived'],
    [platformError('invalid_auth'), 'failed_permanent', 'invalid_auth'],
    [platformError('invalid_blocks'), 'failed_permanent', 'invalid_blocks'],
    [platformError('internal_error'), 'failed_transient', 'internal_error'],
    [platformError('ratelimited'), 'rate_limited', undefined],
    [{ code: 'slack_webapi_http_error', statusCode: 502 }, 'failed_transient', 'http_502'],
    [{ code: 'slack_webapi_http_error', statusCode: 404 }, 'failed_permanent', 'http_404'],
    [{ code: 'slack_webapi_request_error', original: new Error('ECONNRESET') }, 'failed_transient', 'request_error'],
    [new Error('weird'), 'failed_transient', 'unknown_error'],
  ])('%j -> %s', (err, status, code) => {
    const out = toSendOutcome(err);
    expect(out.status).toBe(status);
    if (code) expect(out).toMatchObject({ code });
    if (out.status === 'failed_permanent') expect(out.reason.length).toBeGreaterThan(10);
  });

  it('carries Retry-After in milliseconds', () => {
    expect(toSendOutcome({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 })).toEqual({
      status: 'rate_limited',
      retryAfterMs: 30_000,
      scope: 'global',
    });
  });
});

describe('modal submissions', () => {
  const state = {
    values: {
      calls: { value: { type: 'plain_text_input', value: '12,5' } },
      meetings: { value: { type: 'plain_text_input', value: '  ' } },
      wins: { value: { type: 'plain_text_input', value: 'Signed Acme' } },
      blockers: { value: { type: 'plain_text_input', value: null } },
      kind: { value: { type: 'static_select', selected_option: { value: 'hypothesis' } } },
    },
  };

  it('reads typed values by block id, leaving blanks out', () => {
    expect(readState(state)).toEqual({ calls: '12,5', wins: 'Signed Acme', kind: 'hypothesis' });
    expect(readState({ values: 'garbage' })).toEqual({});
    expect(readState(undefined)).toEqual({});
  });

  const blocks = {
    blocks: [{ type: 'context' }, { type: 'input', block_id: 'calls' }, { type: 'input', block_id: 'meetings' }],
  };

  it('lists input block ids', () => {
    expect(inputBlockIds(blocks)).toEqual(['calls', 'meetings']);
  });

  it('keeps field errors on their inputs and puts form-level ones under the first input', () => {
    expect(slackErrors({ meetings: 'Not a number.' }, ['calls', 'meetings'], 'x')).toEqual({
      meetings: 'Not a number.',
    });
    expect(slackErrors({ _form: 'Period closed.', calls: 'Negative.' }, ['calls', 'meetings'], 'x')).toEqual({
      calls: 'Negative. Period closed.',
    });
    expect(slackErrors({}, ['calls'], 'Try again.')).toEqual({ calls: 'Try again.' });
  });
});

describe('private_metadata', () => {
  it('round-trips the core metadata and the origin message', () => {
    const raw = encodeMetadata('{"member":"m1","period":"2026-W47"}', { channel: 'D1', ts: '1.2' });
    expect(raw.length).toBeLessThanOrEqual(3000);
    expect(decodeMetadata(raw)).toEqual({
      metadata: '{"member":"m1","period":"2026-W47"}',
      origin: { channel: 'D1', ts: '1.2' },
    });
  });

  it('keeps over-long metadata server-side and still round-trips it', () => {
    const long = 'x'.repeat(5000);
    const raw = encodeMetadata(long, { channel: 'D1', ts: '1.2' });
    expect(raw.length).toBeLessThan(200);
    expect(decodeMetadata(raw).metadata).toBe(long);
  });

  it('hands unknown metadata to the core untouched', () => {
    expect(decodeMetadata('legacy')).toEqual({ metadata: 'legacy', origin: {} });
  });
});

describe('action ids', () => {
  it.each([
    ['breach.snooze#1', 'breach.snooze'],
    ['checkin.open#0', 'checkin.open'],
    ['toString#0', undefined],
    ['other.thing#2', undefined],
  ])('%s -> %s', (id, action) => {
    expect(actionOf(id)).toBe(action);
  });
});

describe('Block Kit limit checks', () => {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

  it.each([
    ['51 blocks in a message', Array.from({ length: 51 }, () => ({ type: 'divider' })), /51 blocks/],
    ['section text over 3000', [section('x'.repeat(3001))], /3001 chars/],
    [
      '11 fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'a' })) }],
      /11 fields/,
    ],
    [
      'button text over 75',
      [
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) }, value: 'v' },
          ],
        },
      ],
      /76 chars/,
    ],
    [
      'duplicate action ids',
      [
        {
          type: 'actions',
          elements: [1, 2].map(() => ({ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b' } })),
        },
      ],
      /duplicate action_id/,
    ],
    ['header over 150', [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }], /151 chars/],
    [
      'input in a message',
      [
        {
          type: 'input',
          block_id: 'x',
          label: { type: 'plain_text', text: 'l' },
          element: { type: 'plain_text_input', action_id: 'v' },
        },
      ],
      /modals/,
    ],
    ['empty section', [section('')], /empty/],
  ])('refuses %s', (_name, blocks, problem) => {
    expect(blockKitProblems(blocks, 'message').join('\n')).toMatch(problem);
  });

  it('refuses a modal title over 24 characters and metadata over 3000', () => {
    const problems = viewProblems({
      type: 'modal',
      title: { type: 'plain_text', text: 't'.repeat(25) },
      private_metadata: 'm'.repeat(3001),
      blocks: [],
    });
    expect(problems.join('\n')).toMatch(/title: 25 chars/);
    expect(problems.join('\n')).toMatch(/private_metadata: 3001/);
  });

  it('clips and packs text within limits', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
    expect(packLines(['a'.repeat(10), 'b'.repeat(10), 'c'.repeat(10)], 21)).toEqual([
      `${'a'.repeat(10)}\n${'b'.repeat(10)}`,
      'c'.repeat(10),
    ]);
  });

  it('lists end with "…and N more" counting the items left out', () => {
    const items = Array.from({ length: 10 }, (_, i) => `${i}`.repeat(2000));
    const blocks = listBlocks(items, 4, 'en');
    expect(blocks).toHaveLength(4);
    expect(JSON.stringify(blocks.at(-1))).toContain('…and 7 more');
    const fitted = fitBlocks(
      [...Array.from({ length: 60 }, () => section('x')), { type: 'actions', elements: [] }] as never,
      50,
      'fr',
    );
    expect(fitted).toHaveLength(50);
    expect(JSON.stringify(fitted.at(-2))).toContain('…et 12 de plus');
    expect(fitted.at(-1)!.type).toBe('actions');
  });
});

describe('slackCanReach', () => {
  it('reaches members with a Slack id or an email, and teams with a Slack channel', () => {
    const ws = fixtureWorkspace();
    const noIds = {
      ...ws,
      teams: ws.teams.map((t) => ({ ...t, members: t.members.map((m) => (m.id === 'bob' ? { ...m, ids: {} } : m)) })),
    };
    expect(slackCanReach(ws, { kind: 'dm', memberId: 'alice' })).toBe(true);
    expect(slackCanReach(noIds, { kind: 'dm', memberId: 'bob' })).toBe(false);
    expect(slackCanReach(ws, { kind: 'dm', memberId: 'nobody' })).toBe(false);
    expect(slackCanReach(ws, { kind: 'channel', teamId: 'sales' })).toBe(true);
    expect(slackCanReach(ws, { kind: 'channel', teamId: 'support' })).toBe(false);
  });
});
