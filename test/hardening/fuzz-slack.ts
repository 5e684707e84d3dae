// Fuzz cases for POST /slack/events, signed unless the case is about the signature: check-in, decision
// and target modal submissions built from acceptable or hostile parts, buttons with hostile values,
// slash commands and DM messages with hostile text, malformed events, and transport garbage.
import { formBody, interactionBody, jsonBody, type SlackPost, slackSignature } from '../helpers/slack-sign.js';
import {
  ACTIONS,
  type FuzzCase,
  type FuzzKit,
  KINDS,
  PEOPLE,
  type Person,
  SLACK_PEOPLE,
  SLACK_REPS,
} from './fuzz-cases.js';
import { freeText, hostileString, RAW_INFINITY, WRONG_TYPES, withRawNumbers } from './fuzz-values.js';

export function slackCase(kit: FuzzKit, n: number): FuzzCase {
  const { world, rnd, checkinMetadata, numbers, texts } = kit;
  const slack = (n: number, what: string, post: SlackPost, rest: Partial<FuzzCase> = {}, sign = true): FuzzCase => {
    const ts = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': post.contentType };
    if (sign)
      Object.assign(headers, {
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': slackSignature(world.secret, ts, post.body),
      });
    return {
      n,
      target: 'slack',
      what,
      path: '/slack/events',
      headers,
      body: post.body,
      writes: 'none',
      valid: false,
      ...rest,
    };
  };

  const viewState = (values: Record<string, string | undefined>, select?: { id: string; value: string }) => {
    const state: Record<string, unknown> = {};
    for (const [id, v] of Object.entries(values))
      if (v !== undefined) state[id] = { value: { type: 'plain_text_input', value: v } };
    if (select) state[select.id] = { value: { type: 'static_select', selected_option: { value: select.value } } };
    return { values: state };
  };

  const submission = (n: number, p: Person, callback: string, metadata: string, state: unknown, blocks: string[]) =>
    interactionBody({
      type: 'view_submission',
      team: { id: 'T0TEST', domain: 'acme' },
      user: { id: p.slack, team_id: 'T0TEST' },
      api_app_id: 'A0TEST',
      token: 'legacy',
      trigger_id: `trig.${n}`,
      view: {
        id: `VFUZZ${n}`,
        hash: `h${n}`,
        type: 'modal',
        callback_id: callback,
        private_metadata: JSON.stringify({ m: metadata }),
        blocks: blocks.map((id) => ({
          type: 'input',
          block_id: id,
          element: { type: 'plain_text_input', action_id: 'value' },
        })),
        state,
      },
    });

  const r = rnd.next();
  if (r < 0.35) {
    const p = rnd.pick(SLACK_REPS);
    const meta = checkinMetadata(p);
    const nums = numbers(p);
    const txt = texts();
    const garbage = rnd.chance(0.05);
    const state = garbage
      ? rnd.pick<unknown>([
          { values: [] },
          { values: 'x' },
          { values: { calls: { value: { type: 'plain_text_input', value: 12 } } } },
          null,
          {},
        ])
      : viewState({ ...nums.values, wins: txt.wins, blockers: txt.blockers });
    const valid = !garbage && meta.ok && nums.ok && txt.ok;
    return slack(
      n,
      'slack.checkin',
      submission(n, p, 'rituals.checkin', meta.metadata, state, ['calls', 'qualified_meetings', 'wins', 'blockers']),
      { writes: 'checkin', valid, member: p.member },
    );
  }
  if (r < 0.43) {
    const p = rnd.pick(SLACK_PEOPLE);
    const t = rnd.next();
    const team =
      t < 0.5 ? p.team : t < 0.7 ? (p.team === 'sales' ? 'support' : 'sales') : t < 0.8 ? 'nowhere' : undefined;
    const metadata = team === undefined ? rnd.pick(['', 'not json', '{"team":123}', '[]']) : JSON.stringify({ team });
    const teamOk = team === p.team || (team === undefined && metadata !== '{"team":123}');
    const kind = rnd.chance(0.8) ? rnd.pick(KINDS) : hostileString(rnd).slice(0, 300);
    const text = rnd.chance(0.1) ? rnd.pick(['', '   ']) : freeText(rnd);
    const textOk = typeof text !== 'string' && !text.tooLong;
    const body = submission(
      n,
      p,
      'rituals.decision',
      metadata,
      viewState({ text: typeof text === 'string' ? text : text.text }, { id: 'kind', value: kind }),
      ['kind', 'text'],
    );
    return slack(n, 'slack.decision', body, { writes: 'decision', valid: teamOk && KINDS.includes(kind) && textOk });
  }
  if (r < 0.47) {
    // Target changes: hostile only, or Maya's valid ones (a manager and approver of sales' pipeline).
    const p = rnd.chance(0.7) ? PEOPLE[0]! : rnd.pick(SLACK_PEOPLE);
    const from = rnd.chance(0.6) ? '2027-01-01' : rnd.pick(['not-a-date', "2027-01-01'; --", '2027-13-45', '', '=1+1']);
    const target = rnd.chance(0.5)
      ? String(rnd.int(1, 90))
      : rnd.pick(['0', '-3', 'NaN', '1e309', '99999999999', 'abc', '', '١٢']);
    const metadata = JSON.stringify({
      team: 'sales',
      objective: rnd.chance(0.9) ? 'pipeline' : 'nope',
      from,
      target: 30,
    });
    const valid =
      p.member === 'maya' && from === '2027-01-01' && /^[1-9]\d?$/.test(target) && metadata.includes('"pipeline"');
    return slack(
      n,
      'slack.target',
      submission(n, p, 'rituals.target', metadata, viewState({ target }), ['target', 'reason']),
      { writes: 'target', valid },
    );
  }
  if (r < 0.62) {
    const p = rnd.chance(0.9)
      ? rnd.pick(SLACK_PEOPLE)
      : { slack: rnd.pick(['U0NOBODY', 'W0X', hostileString(rnd).slice(0, 50)]) };
    const action = rnd.chance(0.85)
      ? `${rnd.pick(ACTIONS)}#${rnd.int(0, 3)}`
      : rnd.pick(['x', 'checkin.open', 'a.b#99999999999999999999', '../../#1', 'goals.show#-1']);
    const value = rnd.pick([
      hostileString(rnd).slice(0, 2000),
      JSON.stringify({ period: hostileString(rnd).slice(0, 100) }),
      JSON.stringify({ breach: rnd.pick(WRONG_TYPES), team: rnd.pick(['sales', 'support', 'x']) }),
      JSON.stringify({ breach: 1, team: 'sales', minutes: rnd.pick(WRONG_TYPES) }),
      // QBR proposals a correct app refuses: bad target or start day (Maya may accept valid ones).
      withRawNumbers(
        JSON.stringify({
          team: 'sales',
          objective: 'pipeline',
          target: rnd.pick([RAW_INFINITY, -5, 0, 1e300, '30', null]),
          from: '2027-01-01',
        }),
      ),
      JSON.stringify({
        team: 'sales',
        objective: 'pipeline',
        target: 31,
        from: rnd.pick(['not-a-date', '2027-02-30', "'; DROP TABLE objectives; --", 20270101]),
      }),
      JSON.stringify({ team: 'support', objective: 'satisfaction', target: 4.7, from: '2027-01-01' }),
    ]);
    const body = interactionBody({
      type: 'block_actions',
      team: { id: 'T0TEST', domain: 'acme' },
      user: { id: p.slack, team_id: 'T0TEST' },
      api_app_id: 'A0TEST',
      token: 'legacy',
      container: { type: 'message', message_ts: '1700000000.000001', channel_id: 'C0SALES', is_ephemeral: false },
      trigger_id: `trig.${n}`,
      channel: { id: 'C0SALES' },
      message: { ts: '1700000000.000001', type: 'message' },
      response_url: world.responseUrl(`a${n}`),
      actions: [
        {
          type: rnd.chance(0.9) ? 'button' : 'static_select',
          action_id: action,
          block_id: 'rituals_actions',
          value,
          action_ts: '1',
        },
      ],
    });
    // Only a support manager may accept support's proposal: Nora's clicks on it are legitimate writes.
    const legit = p.slack === 'U0NORA' && action.startsWith('qbr.accept#') && value.includes('"satisfaction"');
    return slack(n, 'slack.action', body, { writes: legit ? 'target' : 'none', valid: legit });
  }
  if (r < 0.77) {
    const p = rnd.chance(0.9) ? rnd.pick(SLACK_PEOPLE) : { slack: 'U0NOBODY' };
    const verb = rnd.pick([
      'checkin',
      'pointage',
      'me',
      'leaderboard',
      'classement',
      'progress',
      'standup',
      'ooo',
      'absent',
      'run',
      'lancer',
      'help',
      '',
    ]);
    const text = `${verb} ${hostileString(rnd).slice(0, 3000)}`.slice(0, rnd.chance(0.05) ? 20_000 : 4000);
    const post = formBody({
      token: 'legacy',
      team_id: 'T0TEST',
      team_domain: 'acme',
      channel_id: 'C0ANY',
      channel_name: 'general',
      user_id: p.slack!,
      user_name: 'x',
      command: rnd.chance(0.95) ? '/rituals' : '/other',
      text,
      api_app_id: 'A0TEST',
      response_url: world.responseUrl(`c${n}`),
      trigger_id: `trig.${n}`,
    });
    return slack(n, 'slack.command', post);
  }
  if (r < 0.87) {
    const p = rnd.pick(SLACK_PEOPLE);
    const e = rnd.next();
    const event =
      e < 0.5
        ? {
            type: 'message',
            channel_type: 'im',
            channel: `D${p.slack}`,
            user: rnd.chance(0.9) ? p.slack : hostileString(rnd).slice(0, 40),
            text: hostileString(rnd).slice(0, 4000),
            ts: '1.1',
          }
        : e < 0.7
          ? {
              type: 'app_home_opened',
              user: p.slack,
              tab: rnd.pick(['home', 'messages', hostileString(rnd).slice(0, 20)]),
              channel: 'D1',
            }
          : e < 0.9
            ? {
                type: rnd.pick(['reaction_added', 'reaction_removed']),
                user: p.slack,
                reaction: hostileString(rnd).slice(0, 200),
                item: rnd.pick<unknown>([
                  { type: 'message', channel: 'C0SALES', ts: hostileString(rnd).slice(0, 40) },
                  { type: 'file' },
                  null,
                  'x',
                ]),
                event_ts: '1.1',
              }
            : rnd.pick<unknown>([null, [], 'x', { type: 42 }, { type: 'message' }]);
    const post = jsonBody({
      token: 'legacy',
      team_id: 'T0TEST',
      api_app_id: 'A0TEST',
      type: 'event_callback',
      event_id: `EvF${n}`,
      event_time: 1,
      event,
    });
    return slack(n, 'slack.event', post);
  }
  // Transport: forged, stale, broken, oversized, strange types.
  const t = rnd.next();
  if (t < 0.2)
    return {
      ...slack(n, 'slack.forged', formBody({ command: '/rituals', text: 'help', user_id: 'U0SAM' })),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-slack-signature': `v0=${'0'.repeat(64)}`,
      },
    };
  if (t < 0.3) return slack(n, 'slack.unsigned', formBody({ command: '/rituals', text: 'help' }), {}, false);
  if (t < 0.4) {
    const post = formBody({ command: '/rituals', text: 'help', user_id: 'U0SAM' });
    const old = Math.floor(Date.now() / 1000) - 3600;
    return {
      ...slack(n, 'slack.stale', post),
      headers: {
        'content-type': post.contentType,
        'x-slack-request-timestamp': String(old),
        'x-slack-signature': slackSignature(world.secret, old, post.body),
      },
    };
  }
  if (t < 0.995) {
    const body = rnd.pick([
      '{',
      '',
      'null',
      '[]',
      '"x"',
      `{"type":"url_verification","challenge":${JSON.stringify(hostileString(rnd))}}`,
      '{"type":"block_actions"}',
      '{"type":"view_submission","view":null,"user":{"id":"U0SAM"}}',
      '{"type":"view_submission","user":{"id":"U0SAM"},"view":{"callback_id":"rituals.checkin","id":1,"hash":[],"state":"x"}}',
      'payload=%7B',
      `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: null, actions: 'x' }))}`,
      'payload=' +
        encodeURIComponent(
          JSON.stringify({ type: 'shortcut', callback_id: hostileString(rnd).slice(0, 100), user: { id: 'U0SAM' } }),
        ),
      'ssl_check=1',
      hostileString(rnd),
    ]);
    const contentType = rnd.pick([
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'application/json; charset=utf-16',
      '',
    ]);
    return slack(n, 'slack.garbage', { body, contentType });
  }
  return slack(n, 'slack.oversized', {
    body: `payload=${'A'.repeat(1_100_000)}`,
    contentType: 'application/x-www-form-urlencoded',
  });
}
