// The seeded generator of the fuzz test: 10,000 requests to /slack/events (signed, with hostile
// contents, and some transport garbage), /api/messages (Teams activities, local-development mode) and
// /api/v1/metrics (ingest API). Each case says what a correct app writes for it: only cases built
// entirely from acceptable parts are `valid`; one hostile part anywhere must make the app refuse it.
import type { Random } from '../../src/sandbox/prng.js';
import { formBody, interactionBody, jsonBody, slackSignature, type SlackPost } from '../helpers/slack-sign.js';
import { BAD_COUNTS, freeText, hostileString, NASTY_TEXTS, RAW_INFINITY, validCount, withRawNumbers, WRONG_TYPES } from './fuzz-values.js';

export interface FuzzWorld {
  readonly secret: string;
  readonly ingestToken: string;
  readonly connectorUrl: string;
  readonly responseUrl: (id: string) => string;
  /** The current check-in week (every member is in Europe/Paris). */
  readonly period: string;
  /** A week whose check-in is closed, and one not open yet. */
  readonly closedPeriod: string;
  readonly futurePeriod: string;
}

export type Expect = 'checkin' | 'decision' | 'target' | 'ingest' | 'none';

export interface FuzzCase {
  readonly n: number;
  readonly target: 'slack' | 'teams' | 'ingest';
  readonly what: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** What the request writes when it is valid. */
  readonly writes: Expect;
  readonly valid: boolean;
  /** Who checks in (valid check-ins), or how many values are ingested (valid ingest batches). */
  readonly member?: string;
  readonly items?: number;
}

interface Person {
  readonly member: string;
  readonly slack?: string;
  readonly aad?: string;
  readonly team: 'sales' | 'support';
  readonly french: boolean;
  readonly manager: boolean;
}

const PEOPLE: readonly Person[] = [
  { member: 'maya', slack: 'U0MAYA', team: 'sales', french: false, manager: true },
  { member: 'sam', slack: 'U0SAM', team: 'sales', french: false, manager: false },
  { member: 'lea', slack: 'U0LEA', team: 'sales', french: true, manager: false },
  { member: 'nora', slack: 'U0NORA', team: 'support', french: false, manager: true },
  { member: 'theo', slack: 'U0THEO', team: 'support', french: false, manager: false },
  { member: 'tara', aad: 'aad-tara', team: 'support', french: false, manager: false },
  { member: 'tom', aad: 'aad-tom', team: 'support', french: true, manager: false },
];
const SLACK_REPS = PEOPLE.filter((p) => p.slack && !p.manager);
const SLACK_PEOPLE = PEOPLE.filter((p) => p.slack);
const TEAMS_PEOPLE = PEOPLE.filter((p) => p.aad);
const KINDS = ['decision', 'hypothesis', 'test', 'result'];
const ACTIONS = ['checkin.open', 'breach.acknowledge', 'breach.snooze', 'breach.decision', 'review.decision', 'qbr.accept', 'qbr.change', 'goals.show'];

export function generateCases(world: FuzzWorld, rnd: Random, count: number): FuzzCase[] {
  const out: FuzzCase[] = [];
  const metadataOf = (p: Person, period = world.period) => JSON.stringify({ member: p.member, period, key: `${p.team}:checkin:${period}:${p.member}` });

  /** The check-in form's metadata: right, or wrong in one of many ways (with whether it is right). */
  const checkinMetadata = (p: Person): { metadata: string; ok: boolean } => {
    const r = rnd.next();
    if (r < 0.85) return { metadata: metadataOf(p), ok: true };
    const other = rnd.pick(PEOPLE.filter((x) => x.member !== p.member));
    return {
      metadata: rnd.pick([
        metadataOf(other),
        metadataOf(p, world.closedPeriod),
        metadataOf(p, world.futurePeriod),
        metadataOf(p, '2026-Q4'),
        metadataOf(p, hostileString(rnd).slice(0, 200)),
        JSON.stringify({ member: p.member }),
        JSON.stringify({ member: p.member, period: 47 }),
        hostileString(rnd).slice(0, 2000),
        '',
        'null',
      ]),
      ok: false,
    };
  };

  /** KPI id -> typed text, with whether every value is acceptable. */
  const numbers = (p: Person): { values: Record<string, string>; ok: boolean } => {
    const values: Record<string, string> = {};
    let ok = true;
    for (const kpi of ['calls', 'qualified_meetings']) {
      const r = rnd.next();
      if (r < 0.78) values[kpi] = validCount(rnd, p.french);
      else if (r < 0.83) ok = false; // left out: required
      else {
        values[kpi] = rnd.pick(BAD_COUNTS);
        ok = false;
      }
    }
    return { values, ok };
  };

  const texts = (): { wins?: string; blockers?: string; ok: boolean } => {
    let ok = true;
    const pick = () => {
      if (rnd.chance(0.6)) return undefined;
      const t = freeText(rnd);
      if (t.tooLong) ok = false;
      return t.text;
    };
    const wins = pick();
    const blockers = pick();
    return { ...(wins !== undefined ? { wins } : {}), ...(blockers !== undefined ? { blockers } : {}), ok };
  };

  const slack = (n: number, what: string, post: SlackPost, rest: Partial<FuzzCase> = {}, sign = true): FuzzCase => {
    const ts = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': post.contentType };
    if (sign) Object.assign(headers, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(world.secret, ts, post.body) });
    return { n, target: 'slack', what, path: '/slack/events', headers, body: post.body, writes: 'none', valid: false, ...rest };
  };

  const viewState = (values: Record<string, string | undefined>, select?: { id: string; value: string }) => {
    const state: Record<string, unknown> = {};
    for (const [id, v] of Object.entries(values)) if (v !== undefined) state[id] = { value: { type: 'plain_text_input', value: v } };
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
        blocks: blocks.map((id) => ({ type: 'input', block_id: id, element: { type: 'plain_text_input', action_id: 'value' } })),
        state,
      },
    });

  function slackCase(n: number): FuzzCase {
    const r = rnd.next();
    if (r < 0.35) {
      const p = rnd.pick(SLACK_REPS);
      const meta = checkinMetadata(p);
      const nums = numbers(p);
      const txt = texts();
      const garbage = rnd.chance(0.05);
      const state = garbage ? rnd.pick<unknown>([{ values: [] }, { values: 'x' }, { values: { calls: { value: { type: 'plain_text_input', value: 12 } } } }, null, {}]) : viewState({ ...nums.values, wins: txt.wins, blockers: txt.blockers });
      const valid = !garbage && meta.ok && nums.ok && txt.ok;
      return slack(n, 'slack.checkin', submission(n, p, 'rituals.checkin', meta.metadata, state, ['calls', 'qualified_meetings', 'wins', 'blockers']), { writes: 'checkin', valid, member: p.member });
    }
    if (r < 0.43) {
      const p = rnd.pick(SLACK_PEOPLE);
      const t = rnd.next();
      const team = t < 0.5 ? p.team : t < 0.7 ? (p.team === 'sales' ? 'support' : 'sales') : t < 0.8 ? 'nowhere' : undefined;
      const metadata = team === undefined ? rnd.pick(['', 'not json', '{"team":123}', '[]']) : JSON.stringify({ team });
      const teamOk = team === p.team || (team === undefined && metadata !== '{"team":123}');
      const kind = rnd.chance(0.8) ? rnd.pick(KINDS) : hostileString(rnd).slice(0, 300);
      const text = rnd.chance(0.1) ? rnd.pick(['', '   ']) : freeText(rnd);
      const textOk = typeof text !== 'string' && !text.tooLong;
      const body = submission(n, p, 'rituals.decision', metadata, viewState({ text: typeof text === 'string' ? text : text.text }, { id: 'kind', value: kind }), ['kind', 'text']);
      return slack(n, 'slack.decision', body, { writes: 'decision', valid: teamOk && KINDS.includes(kind) && textOk });
    }
    if (r < 0.47) {
      // Target changes: hostile only, or Maya's valid ones (a manager and approver of sales' pipeline).
      const p = rnd.chance(0.7) ? PEOPLE[0]! : rnd.pick(SLACK_PEOPLE);
      const from = rnd.chance(0.6) ? '2027-01-01' : rnd.pick(['not-a-date', "2027-01-01'; --", '2027-13-45', '', '=1+1']);
      const target = rnd.chance(0.5) ? String(rnd.int(1, 90)) : rnd.pick(['0', '-3', 'NaN', '1e309', '99999999999', 'abc', '', '١٢']);
      const metadata = JSON.stringify({ team: 'sales', objective: rnd.chance(0.9) ? 'pipeline' : 'nope', from, target: 30 });
      const valid = p.member === 'maya' && from === '2027-01-01' && /^[1-9]\d?$/.test(target) && metadata.includes('"pipeline"');
      return slack(n, 'slack.target', submission(n, p, 'rituals.target', metadata, viewState({ target }), ['target', 'reason']), { writes: 'target', valid });
    }
    if (r < 0.62) {
      const p = rnd.chance(0.9) ? rnd.pick(SLACK_PEOPLE) : { slack: rnd.pick(['U0NOBODY', 'W0X', hostileString(rnd).slice(0, 50)]) };
      const action = rnd.chance(0.85) ? `${rnd.pick(ACTIONS)}#${rnd.int(0, 3)}` : rnd.pick(['x', 'checkin.open', 'a.b#99999999999999999999', '../../#1', 'goals.show#-1']);
      const value = rnd.pick([
        hostileString(rnd).slice(0, 2000),
        JSON.stringify({ period: hostileString(rnd).slice(0, 100) }),
        JSON.stringify({ breach: rnd.pick(WRONG_TYPES), team: rnd.pick(['sales', 'support', 'x']) }),
        JSON.stringify({ breach: 1, team: 'sales', minutes: rnd.pick(WRONG_TYPES) }),
        // QBR proposals a correct app refuses: bad target or start day (Maya may accept valid ones).
        withRawNumbers(JSON.stringify({ team: 'sales', objective: 'pipeline', target: rnd.pick([RAW_INFINITY, -5, 0, 1e300, '30', null]), from: '2027-01-01' })),
        JSON.stringify({ team: 'sales', objective: 'pipeline', target: 31, from: rnd.pick(['not-a-date', '2027-02-30', "'; DROP TABLE objectives; --", 20270101]) }),
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
        actions: [{ type: rnd.chance(0.9) ? 'button' : 'static_select', action_id: action, block_id: 'rituals_actions', value, action_ts: '1' }],
      });
      // Only a support manager may accept support's proposal: Nora's clicks on it are legitimate writes.
      const legit = p.slack === 'U0NORA' && action.startsWith('qbr.accept#') && value.includes('"satisfaction"');
      return slack(n, 'slack.action', body, { writes: legit ? 'target' : 'none', valid: legit });
    }
    if (r < 0.77) {
      const p = rnd.chance(0.9) ? rnd.pick(SLACK_PEOPLE) : { slack: 'U0NOBODY' };
      const verb = rnd.pick(['checkin', 'pointage', 'me', 'leaderboard', 'classement', 'progress', 'standup', 'ooo', 'absent', 'run', 'lancer', 'help', '']);
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
          ? { type: 'message', channel_type: 'im', channel: `D${p.slack}`, user: rnd.chance(0.9) ? p.slack : hostileString(rnd).slice(0, 40), text: hostileString(rnd).slice(0, 4000), ts: '1.1' }
          : e < 0.7
            ? { type: 'app_home_opened', user: p.slack, tab: rnd.pick(['home', 'messages', hostileString(rnd).slice(0, 20)]), channel: 'D1' }
            : e < 0.9
              ? { type: rnd.pick(['reaction_added', 'reaction_removed']), user: p.slack, reaction: hostileString(rnd).slice(0, 200), item: rnd.pick<unknown>([{ type: 'message', channel: 'C0SALES', ts: hostileString(rnd).slice(0, 40) }, { type: 'file' }, null, 'x']), event_ts: '1.1' }
              : rnd.pick<unknown>([null, [], 'x', { type: 42 }, { type: 'message' }]);
      const post = jsonBody({ token: 'legacy', team_id: 'T0TEST', api_app_id: 'A0TEST', type: 'event_callback', event_id: `EvF${n}`, event_time: 1, event });
      return slack(n, 'slack.event', post);
    }
    // Transport: forged, stale, broken, oversized, strange types.
    const t = rnd.next();
    if (t < 0.2) return { ...slack(n, 'slack.forged', formBody({ command: '/rituals', text: 'help', user_id: 'U0SAM' })), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': `v0=${'0'.repeat(64)}` } };
    if (t < 0.3) return slack(n, 'slack.unsigned', formBody({ command: '/rituals', text: 'help' }), {}, false);
    if (t < 0.4) {
      const post = formBody({ command: '/rituals', text: 'help', user_id: 'U0SAM' });
      const old = Math.floor(Date.now() / 1000) - 3600;
      return { ...slack(n, 'slack.stale', post), headers: { 'content-type': post.contentType, 'x-slack-request-timestamp': String(old), 'x-slack-signature': slackSignature(world.secret, old, post.body) } };
    }
    if (t < 0.995) {
      const body = rnd.pick([
        '{',
        '',
        'null',
        '[]',
        '"x"',
        '{"type":"url_verification","challenge":' + JSON.stringify(hostileString(rnd)) + '}',
        '{"type":"block_actions"}',
        '{"type":"view_submission","view":null,"user":{"id":"U0SAM"}}',
        '{"type":"view_submission","user":{"id":"U0SAM"},"view":{"callback_id":"rituals.checkin","id":1,"hash":[],"state":"x"}}',
        'payload=%7B',
        'payload=' + encodeURIComponent(JSON.stringify({ type: 'block_actions', user: null, actions: 'x' })),
        'payload=' + encodeURIComponent(JSON.stringify({ type: 'shortcut', callback_id: hostileString(rnd).slice(0, 100), user: { id: 'U0SAM' } })),
        'ssl_check=1',
        hostileString(rnd),
      ]);
      const contentType = rnd.pick(['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/json; charset=utf-16', '']);
      return slack(n, 'slack.garbage', { body, contentType });
    }
    return slack(n, 'slack.oversized', { body: `payload=${'A'.repeat(1_100_000)}`, contentType: 'application/x-www-form-urlencoded' });
  }

  const teamsActivity = (n: number, p: { aad?: string } | undefined, extra: Record<string, unknown>) => ({
    id: `f:fuzz-${n}`,
    timestamp: '2026-11-20T15:20:00.000Z',
    serviceUrl: rnd.chance(0.97) ? `${world.connectorUrl}/` : rnd.pick(['http://127.0.0.1:9/', 'not a url', '']),
    channelId: 'msteams',
    from: p ? { id: `29:${p.aad}`, name: 'X', aadObjectId: p.aad } : rnd.pick<unknown>([undefined, null, 'x', { id: 5 }]),
    recipient: { id: '28:bot', name: 'Goal Rituals' },
    conversation: { conversationType: 'personal', tenantId: 'tenant-contoso', id: `a:fuzz-${p?.aad ?? 'x'}` },
    channelData: { tenant: { id: 'tenant-contoso' } },
    locale: rnd.pick(['en-US', 'fr-FR', hostileString(rnd).slice(0, 30)]),
    ...extra,
  });
  const teams = (n: number, what: string, body: unknown, rest: Partial<FuzzCase> = {}): FuzzCase => ({
    n,
    target: 'teams',
    what,
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : withRawNumbers(JSON.stringify(body)),
    writes: 'none',
    valid: false,
    ...rest,
  });
  const invoke = (data: unknown) => ({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x', data }, trigger: 'manual' }, replyToId: 'act-1' });

  function teamsCase(n: number): FuzzCase {
    const r = rnd.next();
    const p = rnd.pick(TEAMS_PEOPLE);
    if (r < 0.35) {
      const meta = checkinMetadata(p);
      const nums = numbers(p);
      const txt = texts();
      const data: Record<string, unknown> = { action: 'checkin.submit', value: meta.metadata, ...nums.values, ...txt };
      delete data.ok;
      let extrasOk = true;
      if (rnd.chance(0.1)) data[rnd.pick(['__proto__', 'constructor', 'calls ', 'toString', hostileString(rnd).slice(0, 30)])] = rnd.pick(WRONG_TYPES);
      if (rnd.chance(0.05)) {
        data.calls = rnd.pick(WRONG_TYPES.filter((v) => typeof v !== 'string'));
        extrasOk = false;
      }
      const serviceUrl = `${world.connectorUrl}/`;
      const valid = meta.ok && nums.ok && txt.ok && extrasOk && meta.metadata.length <= 4000;
      return teams(n, 'teams.checkin', { ...teamsActivity(n, p, invoke(data)), serviceUrl }, { writes: 'checkin', valid, member: p.member });
    }
    if (r < 0.42) {
      const kind = rnd.chance(0.8) ? rnd.pick(KINDS) : hostileString(rnd).slice(0, 100);
      const text = freeText(rnd);
      const team = rnd.pick(['support', 'sales', undefined]);
      const data = { action: 'decision.submit', value: team ? JSON.stringify({ team }) : '', kind, text: text.text };
      return teams(n, 'teams.decision', { ...teamsActivity(n, p, invoke(data)), serviceUrl: `${world.connectorUrl}/` }, { writes: 'decision', valid: team !== 'sales' && KINDS.includes(kind) && !text.tooLong });
    }
    if (r < 0.55) {
      const data = rnd.pick<unknown>([
        { action: rnd.pick([...ACTIONS, 'target.submit', hostileString(rnd).slice(0, 64)]), value: hostileString(rnd).slice(0, 3000) },
        { action: 'qbr.accept', value: withRawNumbers(JSON.stringify({ team: 'support', objective: 'satisfaction', target: rnd.pick([RAW_INFINITY, 1e300, -1, 'x']), from: '2027-01-01' })) },
        { action: 'target.submit', value: JSON.stringify({ team: 'support', objective: 'satisfaction', from: '2027-01-01' }), target: rnd.pick(['4.8', 'NaN', '-1']) },
        { action: '', value: 'x' },
        { action: 'x'.repeat(100), value: 1 },
        { value: 'x' },
        'x',
        null,
        [],
      ]);
      return teams(n, 'teams.invoke', teamsActivity(n, p, invoke(data)));
    }
    if (r < 0.7) {
      const text = `${rnd.pick(['checkin', 'me', 'moi', 'leaderboard', 'progress', 'standup', 'ooo', 'run', 'help', ''])} ${hostileString(rnd).slice(0, 3000)}`;
      return teams(n, 'teams.message', teamsActivity(n, rnd.chance(0.9) ? p : { aad: 'aad-stranger' }, { type: 'message', text, ...(rnd.chance(0.1) ? { value: rnd.pick(WRONG_TYPES) } : {}) }));
    }
    if (r < 0.8) {
      const type = rnd.pick(['installationUpdate', 'conversationUpdate', 'messageReaction', 'typing', 'event', hostileString(rnd).slice(0, 30)]);
      return teams(n, 'teams.activity', teamsActivity(n, p, {
        type,
        action: rnd.pick(['add', 'remove', hostileString(rnd).slice(0, 20)]),
        membersAdded: rnd.pick<unknown>([[{ id: '28:bot' }], [{ id: 5 }], 'x', null]),
        reactionsAdded: rnd.pick<unknown>([[{ type: hostileString(rnd).slice(0, 50) }], 'x', [null]]),
        replyToId: hostileString(rnd).slice(0, 100),
      }));
    }
    const t = rnd.next();
    if (t < 0.995) {
      const body = rnd.pick<unknown>([
        '{',
        '',
        'null',
        '[]',
        '42',
        '"x"',
        { type: 'message' },
        { type: 42, from: [], conversation: 'x' },
        { type: 'invoke', name: 'adaptiveCard/action', value: 'x', from: { id: '29:x' }, conversation: { id: 'a:x' }, serviceUrl: `${world.connectorUrl}/` },
        { ...teamsActivity(n, p, { type: 'message', text: 'help' }), conversation: null },
        { ...teamsActivity(n, p, { type: 'message', text: 'help' }), from: { aadObjectId: { $gt: '' } } },
        { ...teamsActivity(n, p, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', data: { action: 'checkin.submit', value: RAW_INFINITY } } } }) },
        hostileString(rnd),
      ]);
      return teams(n, 'teams.garbage', body);
    }
    return teams(n, 'teams.oversized', { type: 'message', text: 'x'.repeat(600 * 1024) });
  }

  const ingest = (n: number, what: string, body: string, rest: Partial<FuzzCase> = {}, headers: Record<string, string> = {}): FuzzCase => ({
    n,
    target: 'ingest',
    what,
    path: '/api/v1/metrics',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world.ingestToken}`, ...headers },
    body,
    writes: 'ingest',
    valid: false,
    ...rest,
  });

  const validItem = (n: number, k: number) => {
    const kpi = rnd.pick(['opportunities', 'revenue', 'csat']);
    const value = kpi === 'csat' ? Math.round(rnd.between(0, 5) * 10) / 10 : kpi === 'opportunities' ? rnd.int(0, 50) : Math.round(rnd.between(0, 250_000) * 100) / 100;
    const who: { member?: string; team?: string } = rnd.chance(0.7) ? { member: rnd.pick(['sam', 'lea', 'theo', 'tara', 'tom']) } : { team: rnd.pick(['sales', 'support']) };
    const sourceId = rnd.chance(0.3) ? `${rnd.pick(NASTY_TEXTS)}#${n}.${k}` : `crm-${n}-${k}`;
    return { ...who, kpi, date: `2026-${String(rnd.int(1, 11)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`, value, source_id: sourceId.slice(0, 200) };
  };

  const badItem = (n: number): Record<string, unknown> => {
    const item: Record<string, unknown> = validItem(n, 99);
    const b = rnd.int(0, 13);
    if (b === 0) item.value = rnd.pick(WRONG_TYPES.filter((v) => typeof v !== 'number'));
    else if (b === 1) item.value = RAW_INFINITY;
    // Revenue may be negative (refunds); a score may not pass its top, nor a count go below zero.
    else if (b === 2) item.value = item.kpi === 'revenue' ? 'minus one' : item.kpi === 'csat' ? 5.01 : -3;
    else if (b === 3) item.value = rnd.pick([1e300, -1e300, 1.7976931348623157e308]);
    else if (b === 4) item.kpi = rnd.pick(['calls', 'nope', '', hostileString(rnd).slice(0, 200), 5]);
    else if (b === 5) item.date = rnd.pick(['2026-02-30', '2026-13-01', 'yesterday', 20260101, '2026-1-1', "2026-01-01'; --"]);
    else if (b === 6) item.member = rnd.pick(['nobody', hostileString(rnd).slice(0, 400), 'x@y', '', 7]);
    else if (b === 7) item.source_id = rnd.pick(['', 'x'.repeat(201), null, 5]);
    else if (b === 8) item[rnd.pick(['extra', 'constructor', 'Value'])] = 1;
    else if (b === 9) delete item.value;
    else if (b === 10) return { ...item, member: 'sam', team: 'support' };
    else if (b === 11) {
      delete item.member;
      delete item.team;
    } else if (b === 12) return rnd.pick<Record<string, unknown>>([null as never, [] as never, { x: 1 }]);
    else item.team = rnd.pick(['nowhere', '', hostileString(rnd).slice(0, 300)]);
    return item;
  };

  function ingestCase(n: number): FuzzCase {
    const r = rnd.next();
    if (r < 0.3) {
      const items = Array.from({ length: rnd.int(1, 5) }, (_, k) => validItem(n, k));
      return ingest(n, 'ingest.valid', JSON.stringify({ items }), { valid: true, items: items.length });
    }
    if (r < 0.8) {
      const items: unknown[] = Array.from({ length: rnd.int(0, 3) }, (_, k) => validItem(n, k));
      items.splice(rnd.int(0, items.length), 0, badItem(n));
      return ingest(n, 'ingest.bad-item', withRawNumbers(JSON.stringify({ items })));
    }
    const t = rnd.next();
    if (t < 0.15) return ingest(n, 'ingest.no-token', '{"items":[]}', {}, { authorization: '' });
    if (t < 0.3) return ingest(n, 'ingest.bad-token', '{"items":[]}', {}, { authorization: rnd.pick(['Bearer rit_x', `Bearer ${world.ingestToken}x`, `Basic ${world.ingestToken}`, 'Bearer', hostileString(rnd).slice(0, 200).replace(/[^\x20-\x7e]/g, '')]) });
    if (t < 0.4) return ingest(n, 'ingest.content-type', '{"items":[]}', {}, { 'content-type': rnd.pick(['text/plain', 'application/xml', 'multipart/form-data', '']) });
    if (t < 0.995) {
      const body = rnd.pick([
        '{',
        '',
        'null',
        '[]',
        '{"items":{}}',
        '{"items":null}',
        '{"items":[]}',
        '{"items":[],"extra":1}',
        '{"__proto__":{"items":[1]}}',
        `{"items":[${'['.repeat(5000)}${']'.repeat(5000)}]}`,
        `{"items":[{"kpi":"revenue","member":"sam","date":"2026-01-01","value":1e309,"source_id":"inf-${n}"}]}`,
        JSON.stringify({ items: Array.from({ length: 5001 }, () => ({})) }),
        hostileString(rnd),
      ]);
      return ingest(n, 'ingest.garbage', body);
    }
    return ingest(n, 'ingest.oversized', JSON.stringify({ items: [{ kpi: 'revenue', member: 'sam', date: '2026-01-01', value: 1, source_id: 'x'.repeat(1_100_000) }] }));
  }

  for (let n = 0; n < count; n++) {
    const r = rnd.next();
    out.push(r < 0.45 ? slackCase(n) : r < 0.75 ? teamsCase(n) : ingestCase(n));
  }
  return out;
}
