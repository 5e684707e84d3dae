// End-to-end Teams flows on the real core, store, outbox and OutboxSender, with Bot Framework activities
// posted to /api/messages and everything the bot sends received by the fake Bot Connector:
// install -> scheduled check-in card -> bad value -> card error -> good value -> card replaced;
// "me"; leaderboard card -> reaction -> tally; breach nudge -> Snooze.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postRefKey } from '../../../src/core/ports/index.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { checkCard } from '../../helpers/adaptive-card-check.js';
import { activity, cardInvoke } from '../../helpers/teams-activities.js';
import { startTeamsFlow, type TeamsFlowHarness } from './flow-harness.js';

// Friday 20 November 2026, 15:55 in Paris: the weekly check-in fires at 16:00 local time.
const BEFORE_PROMPT = '2026-11-20T14:55:00Z';
const AT_PROMPT = '2026-11-20T15:00:30Z';

let h: TeamsFlowHarness;

beforeEach(async () => {
  h = await startTeamsFlow(BEFORE_PROMPT);
});
afterEach(async () => h.stop());

const cardOf = (call: { body: any }) => call.body.attachments[0].content;
const allText = (card: unknown) => JSON.stringify(card);
const toSam = () => h.connector.sent.filter((c) => c.conversationId === 'a:1personal-chat-sam');
const mayaInstall = () =>
  activity(
    'personal-install',
    { serviceUrl: h.connector.url },
    {
      id: 'f:install-maya',
      from: { id: '29:1maya-teams-user-id', aadObjectId: 'aad-maya' },
      conversation: { conversationType: 'personal', tenantId: 'tenant-contoso', id: 'a:1personal-chat-maya' },
    },
  );
const teamInstall = () => {
  h.connector.channels.set('19:sales-general@thread.tacv2', [{ id: '19:sales-general@thread.tacv2', name: 'General' }]);
  return install(activity('team-install', { serviceUrl: h.connector.url }));
};

/** Installs, then delivers the welcome the install queues: what follows sees only the rituals' messages. */
async function install(a: Record<string, unknown>) {
  const res = await h.post(a);
  await h.drain();
  h.connector.reset();
  return res;
}

/** The values of the card's submit button, and the inputs a user would type. */
function submit(card: any, inputs: Record<string, string>) {
  const button = card.actions.find((a: any) => a.type === 'Action.Execute' && a.verb === 'checkin.submit');
  return { ...button.data, ...inputs };
}

describe('Teams check-in flow', () => {
  it('install -> scheduled check-in card -> bad value -> card error -> good value -> card replaced', async () => {
    expect((await install(activity('personal-install', { serviceUrl: h.connector.url }))).status).toBe(200);
    await h.tick(BEFORE_PROMPT);
    await h.tick(AT_PROMPT);
    const drained = await h.drain();
    expect(drained.sent).toBeGreaterThan(0);

    // The prompt arrives proactively in Sam's 1:1 chat, with the form on the card.
    const [prompt] = toSam();
    expect(prompt).toBeDefined();
    const promptCard = cardOf(prompt!);
    expect(checkCard(promptCard).events).toEqual([]);
    const numbers = promptCard.body.filter((e: any) => e.type === 'Input.Number');
    expect(numbers.map((n: any) => n.id)).toEqual(['calls', 'qualified_meetings']);
    expect(numbers.every((n: any) => n.isRequired && n.min === 0 && typeof n.errorMessage === 'string')).toBe(true);

    // A negative number (a client that skipped its own check) is refused by the core: errors in the card.
    const bad = await h.post(
      cardInvoke(h.connector.url, prompt!.response.id, submit(promptCard, { calls: '-3', qualified_meetings: '2' }), {
        id: 'f:invoke-bad',
      }),
    );
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const errorCard = bad.body.value;
    expect(checkCard(errorCard).events).toEqual([]);
    const callsAt = errorCard.body.findIndex((e: any) => e.id === 'calls');
    expect(errorCard.body[callsAt + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention' });
    expect(rawSqlite(h.store).prepare('select count(*) as n from check_ins').get()).toEqual({ n: 0 });

    // Good values: stored, and the card replaced by the confirmation (attainment, projection, needed per day).
    const good = await h.post(
      cardInvoke(h.connector.url, prompt!.response.id, submit(errorCard, { calls: '120', qualified_meetings: '6' }), {
        id: 'f:invoke-good',
      }),
    );
    const confirmation = good.body.value;
    expect(checkCard(confirmation).events).toEqual([]);
    expect(allText(confirmation)).toMatch(/%/);
    expect(allText(confirmation)).toMatch(/Qualified meetings/);
    expect(allText(confirmation)).toMatch(/per working day|projection|Projected/i);
    const stored = rawSqlite(h.store)
      .prepare('select member_id, values_json from (select member_id, "values" as values_json from check_ins)')
      .all();
    expect(stored).toEqual([{ member_id: 'sam', values_json: JSON.stringify({ calls: 120, qualified_meetings: 6 }) }]);

    // Replaying the same invoke (Teams retries) stores nothing new.
    await h.post(
      cardInvoke(h.connector.url, prompt!.response.id, submit(errorCard, { calls: '120', qualified_meetings: '6' }), {
        id: 'f:invoke-good',
      }),
    );
    expect(rawSqlite(h.store).prepare('select count(*) as n from check_ins').get()).toEqual({ n: 1 });

    // Editable until the deadline: the confirmation's edit button brings the form back, prefilled.
    const edit = confirmation.actions.find((a: any) => a.verb === 'checkin.open');
    expect(edit).toBeDefined();
    const reopened = await h.post(cardInvoke(h.connector.url, prompt!.response.id, edit.data, { id: 'f:invoke-edit' }));
    const prefilled = reopened.body.value.body.find((e: any) => e.id === 'calls');
    expect(prefilled.value).toBe(120);
  });

  it('answers "me" with the member\'s goals card', async () => {
    await install(activity('personal-install', { serviceUrl: h.connector.url }));
    const res = await h.post(activity('personal-message', { serviceUrl: h.connector.url }, { text: 'me' }));
    expect(res.status).toBe(200);
    const reply = toSam().at(-1)!;
    const card = cardOf(reply);
    expect(checkCard(card).events).toEqual([]);
    expect(allText(card)).toContain('Qualified meetings');
    expect(allText(card)).toContain('Calls');
  });

  it('answers unknown text with help, in French for a French member', async () => {
    const lea = {
      from: { id: '29:1lea', aadObjectId: 'aad-lea' },
      conversation: { conversationType: 'personal', tenantId: 'tenant-contoso', id: 'a:1personal-chat-lea' },
    };
    await h.store.workspace.setIdentity('lea', 'teams', 'aad-lea');
    await h.post(
      activity('personal-message', { serviceUrl: h.connector.url }, { ...lea, text: 'blabla', locale: 'fr-FR' }),
    );
    const card = cardOf(h.connector.sent.at(-1)!);
    expect(allText(card)).toMatch(/aide|commande/i);
  });
});

describe('Teams channel flow', () => {
  it('leaderboard card -> reaction -> tally', async () => {
    // Sam's meetings last week (46): a leaderboard is only posted for a week with data behind it.
    await h.store.metricValues.upsertMany(
      [
        {
          memberId: 'sam',
          teamId: 'sales',
          kpiId: 'qualified_meetings',
          date: '2026-11-11',
          value: 4,
          source: 'checkin',
          externalId: 'sam:w46',
        },
      ],
      { at: '2026-11-16T12:00:00Z' },
    );
    await teamInstall();
    await install(mayaInstall());
    const run = await h.post(
      activity(
        'personal-message',
        { serviceUrl: h.connector.url },
        { ...mayaInstall(), type: 'message', id: 'm-run', text: 'run leaderboard' },
      ),
    );
    expect(run.status).toBe(200);
    await h.drain();
    const post = h.connector.sent.find((c) => c.conversationId === '19:sales-general@thread.tacv2');
    expect(post).toBeDefined();
    const card = cardOf(post!);
    expect(checkCard(card).events).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(post!.body))).toBeLessThan(28 * 1024);

    await h.post(activity('channel-reaction', { serviceUrl: h.connector.url, replyToId: post!.response.id }));
    await h.post(
      activity(
        'channel-reaction',
        { serviceUrl: h.connector.url, replyToId: post!.response.id },
        {
          id: 'f:reaction-maya',
          from: { id: '29:1maya-teams-user-id', aadObjectId: 'aad-maya' },
          reactionsAdded: [{ type: 'heart' }],
        },
      ),
    );
    // A retried event counts once.
    await h.post(activity('channel-reaction', { serviceUrl: h.connector.url, replyToId: post!.response.id }));
    const ref = { platform: 'teams' as const, conversation: '19:sales-general@thread.tacv2', id: post!.response.id };
    expect(await h.store.reactions.tally('teams', postRefKey(ref))).toEqual(
      expect.arrayContaining([
        { emoji: 'like', count: 1 },
        { emoji: 'heart', count: 1 },
      ]),
    );
  });
});

describe('Teams breach flow', () => {
  const asMaya = {
    from: { id: '29:1maya-teams-user-id', aadObjectId: 'aad-maya' },
    conversation: { conversationType: 'personal', tenantId: 'tenant-contoso', id: 'a:1personal-chat-maya' },
  };

  /** A weak check-in late in the month puts the team's meetings far below the alert: Maya (owner) is nudged. */
  async function nudgeMaya() {
    await install(activity('personal-install', { serviceUrl: h.connector.url }));
    await install(mayaInstall());
    await h.tick(BEFORE_PROMPT);
    await h.tick(AT_PROMPT);
    await h.drain();
    const [prompt] = toSam();
    await h.post(
      cardInvoke(
        h.connector.url,
        prompt!.response.id,
        submit(cardOf(prompt!), { calls: '10', qualified_meetings: '1' }),
        { id: 'f:invoke-weak' },
      ),
    );
    await h.core.engine.scanBreaches('sales', h.clock.now());
    await h.drain();
    const nudge = h.connector.sent.find((c) => c.conversationId === 'a:1personal-chat-maya');
    expect(nudge).toBeDefined();
    return { id: nudge!.response.id as string, card: cardOf(nudge!) };
  }

  it('nudge -> Snooze', async () => {
    const nudge = await nudgeMaya();
    expect(checkCard(nudge.card).events).toEqual([]);
    expect(nudge.card.actions.map((a: any) => a.verb)).toEqual([
      'breach.acknowledge',
      'breach.snooze',
      'breach.decision',
    ]);

    const snooze = nudge.card.actions.find((a: any) => a.verb === 'breach.snooze');
    const res = await h.post(cardInvoke(h.connector.url, nudge.id, snooze.data, { id: 'f:invoke-snooze', ...asMaya }));
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(checkCard(res.body.value).events).toEqual([]);
    const breach = rawSqlite(h.store).prepare('select state, snoozed_until from breaches').get() as {
      state: string;
      snoozed_until: string;
    };
    expect(breach.state).toBe('snoozed');
    expect(Date.parse(breach.snoozed_until)).toBeGreaterThan(h.clock.now().getTime());
  });

  it('nudge -> Record decision -> form card -> decision logged', async () => {
    const nudge = await nudgeMaya();
    const decide = nudge.card.actions.find((a: any) => a.verb === 'breach.decision');
    const form = await h.post(cardInvoke(h.connector.url, nudge.id, decide.data, { id: 'f:invoke-decide', ...asMaya }));
    const formCard = form.body.value;
    expect(checkCard(formCard).events).toEqual([]);
    expect(formCard.body.map((e: any) => e.id).filter(Boolean)).toEqual(['kind', 'text']);
    const save = formCard.actions[0];
    const done = await h.post(
      cardInvoke(
        h.connector.url,
        nudge.id,
        { ...save.data, kind: 'decision', text: 'Two ABM sequences a week until the end of the month' },
        { id: 'f:invoke-save', ...asMaya },
      ),
    );
    expect(done.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const decisions = rawSqlite(h.store).prepare('select author, kind, text from decisions').all();
    expect(decisions).toEqual([
      { author: 'maya', kind: 'decision', text: 'Two ABM sequences a week until the end of the month' },
    ]);
  });
});

describe('Teams delivery through the outbox', () => {
  it('waits out a 429 Retry-After, then delivers', async () => {
    await install(activity('personal-install', { serviceUrl: h.connector.url }));
    await h.tick(BEFORE_PROMPT);
    h.connector.failNext(
      { status: 429, headers: { 'retry-after': '1' } },
      1,
      (c) => c.conversationId === 'a:1personal-chat-sam',
    );
    await h.tick(AT_PROMPT);
    const first = await h.drain();
    expect(first).toMatchObject({ sent: 0, rateLimited: 1 });
    h.clock.set('2026-11-20T15:00:32Z');
    const second = await h.drain();
    expect(second).toMatchObject({ sent: 1 });
    expect(h.connector.calls.filter((c) => c.conversationId === 'a:1personal-chat-sam').map((c) => c.status)).toEqual([
      429, 201,
    ]);
  });

  it('parks a message Teams refuses for good (app uninstalled) instead of retrying it forever', async () => {
    await install(activity('personal-install', { serviceUrl: h.connector.url }));
    await h.tick(BEFORE_PROMPT);
    h.connector.failNext({ status: 403, body: { error: { code: 'Forbidden', subCode: 'MessageWritesBlocked' } } });
    await h.tick(AT_PROMPT);
    // Sam's chat refuses the bot; Lea never installed it: both are parked for the admins, each with its reason.
    expect(await h.drain()).toMatchObject({ sent: 0, parked: 2 });
    const rows = rawSqlite(h.store)
      .prepare('select dedupe_key, status, last_error from outbox where dedupe_key like ? order by dedupe_key')
      .all('occ:%') as { dedupe_key: string; status: string; last_error: string }[];
    expect(rows.map((r) => [r.dedupe_key, r.status, r.last_error.split(':')[0]])).toEqual([
      ['occ:sales:checkin:2026-W47:lea', 'dead', 'teams.not_installed'],
      ['occ:sales:checkin:2026-W47:sam', 'dead', 'teams.blocked'],
    ]);
    expect(rows[1]!.last_error).toContain('MessageWritesBlocked');
    expect(h.connector.calls).toHaveLength(1);
    const ref = JSON.parse(
      (rawSqlite(h.store).prepare("select ref from conversation_refs where key = 'aad-sam'").get() as { ref: string })
        .ref,
    );
    expect(ref.dead).toBe(true);
  });
});
