// Fuzz cases for POST /api/messages (Teams, local-development mode): card submissions of check-ins and
// decisions built from acceptable or hostile parts, other card actions, messages with hostile text,
// install and reaction activities with wrong shapes, and transport garbage.
import { ACTIONS, type FuzzCase, type FuzzKit, KINDS, TEAMS_PEOPLE } from './fuzz-cases.js';
import { freeText, hostileString, RAW_INFINITY, WRONG_TYPES, withRawNumbers } from './fuzz-values.js';

export function teamsCase(kit: FuzzKit, n: number): FuzzCase {
  const { world, rnd, checkinMetadata, numbers, texts } = kit;
  const teamsActivity = (n: number, p: { aad?: string } | undefined, extra: Record<string, unknown>) => ({
    id: `f:fuzz-${n}`,
    timestamp: '2026-11-20T15:20:00.000Z',
    serviceUrl: rnd.chance(0.97) ? `${world.connectorUrl}/` : rnd.pick(['http://127.0.0.1:9/', 'not a url', '']),
    channelId: 'msteams',
    from: p
      ? { id: `29:${p.aad}`, name: 'X', aadObjectId: p.aad }
      : rnd.pick<unknown>([undefined, null, 'x', { id: 5 }]),
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
  const invoke = (data: unknown) => ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: 'x', data }, trigger: 'manual' },
    replyToId: 'act-1',
  });

  const r = rnd.next();
  const p = rnd.pick(TEAMS_PEOPLE);
  if (r < 0.35) {
    const meta = checkinMetadata(p);
    const nums = numbers(p);
    const txt = texts();
    const data: Record<string, unknown> = { action: 'checkin.submit', value: meta.metadata, ...nums.values, ...txt };
    delete data.ok;
    let extrasOk = true;
    if (rnd.chance(0.1))
      data[rnd.pick(['__proto__', 'constructor', 'calls ', 'toString', hostileString(rnd).slice(0, 30)])] =
        rnd.pick(WRONG_TYPES);
    if (rnd.chance(0.05)) {
      data.calls = rnd.pick(WRONG_TYPES.filter((v) => typeof v !== 'string'));
      extrasOk = false;
    }
    const serviceUrl = `${world.connectorUrl}/`;
    const valid = meta.ok && nums.ok && txt.ok && extrasOk && meta.metadata.length <= 4000;
    return teams(
      n,
      'teams.checkin',
      { ...teamsActivity(n, p, invoke(data)), serviceUrl },
      { writes: 'checkin', valid, member: p.member },
    );
  }
  if (r < 0.42) {
    const kind = rnd.chance(0.8) ? rnd.pick(KINDS) : hostileString(rnd).slice(0, 100);
    const text = freeText(rnd);
    const team = rnd.pick(['support', 'sales', undefined]);
    const data = { action: 'decision.submit', value: team ? JSON.stringify({ team }) : '', kind, text: text.text };
    return teams(
      n,
      'teams.decision',
      { ...teamsActivity(n, p, invoke(data)), serviceUrl: `${world.connectorUrl}/` },
      { writes: 'decision', valid: team !== 'sales' && KINDS.includes(kind) && !text.tooLong },
    );
  }
  if (r < 0.55) {
    const data = rnd.pick<unknown>([
      {
        action: rnd.pick([...ACTIONS, 'target.submit', hostileString(rnd).slice(0, 64)]),
        value: hostileString(rnd).slice(0, 3000),
      },
      {
        action: 'qbr.accept',
        value: withRawNumbers(
          JSON.stringify({
            team: 'support',
            objective: 'satisfaction',
            target: rnd.pick([RAW_INFINITY, 1e300, -1, 'x']),
            from: '2027-01-01',
          }),
        ),
      },
      {
        action: 'target.submit',
        value: JSON.stringify({ team: 'support', objective: 'satisfaction', from: '2027-01-01' }),
        target: rnd.pick(['4.8', 'NaN', '-1']),
      },
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
    return teams(
      n,
      'teams.message',
      teamsActivity(n, rnd.chance(0.9) ? p : { aad: 'aad-stranger' }, {
        type: 'message',
        text,
        ...(rnd.chance(0.1) ? { value: rnd.pick(WRONG_TYPES) } : {}),
      }),
    );
  }
  if (r < 0.8) {
    const type = rnd.pick([
      'installationUpdate',
      'conversationUpdate',
      'messageReaction',
      'typing',
      'event',
      hostileString(rnd).slice(0, 30),
    ]);
    return teams(
      n,
      'teams.activity',
      teamsActivity(n, p, {
        type,
        action: rnd.pick(['add', 'remove', hostileString(rnd).slice(0, 20)]),
        membersAdded: rnd.pick<unknown>([[{ id: '28:bot' }], [{ id: 5 }], 'x', null]),
        reactionsAdded: rnd.pick<unknown>([[{ type: hostileString(rnd).slice(0, 50) }], 'x', [null]]),
        replyToId: hostileString(rnd).slice(0, 100),
      }),
    );
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
      {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: 'x',
        from: { id: '29:x' },
        conversation: { id: 'a:x' },
        serviceUrl: `${world.connectorUrl}/`,
      },
      { ...teamsActivity(n, p, { type: 'message', text: 'help' }), conversation: null },
      { ...teamsActivity(n, p, { type: 'message', text: 'help' }), from: { aadObjectId: { $gt: '' } } },
      {
        ...teamsActivity(n, p, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', data: { action: 'checkin.submit', value: RAW_INFINITY } } },
        }),
      },
      hostileString(rnd),
    ]);
    return teams(n, 'teams.garbage', body);
  }
  return teams(n, 'teams.oversized', { type: 'message', text: 'x'.repeat(600 * 1024) });
}
