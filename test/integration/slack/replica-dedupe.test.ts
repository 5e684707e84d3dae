// Two replicas of the Slack adapter behind one load balancer, sharing one store: an event that Slack
// retries onto the other replica (same event_id), or delivers to both at once, is handled once; a view
// submission replayed to the other replica is acknowledged there and reaches the core once. Each replica
// is an adapter on its own HTTP server with its own fake core, driven with signed requests over real HTTP.
// Stores: two SQLite stores opened on one file, and PostgreSQL (two pools on the server, or one PGlite
// store for both replicas when there is no server).
import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/slack/adapter.js';
import { DECISION_CALLBACK, DECISION_FIELDS } from '../../../src/slack/blocks/decision.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { createProcessedKeysRepo } from '../../../src/store/processed-keys.repo.js';
import { type FakeRitualsService, notice, slackRecordingService } from '../../helpers/fake-rituals-service.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../../helpers/postgres.js';
import { eventCallback, viewSubmission } from '../../helpers/slack-payloads.js';
import { postSigned, type SlackPost } from '../../helpers/slack-sign.js';
import { tempDir } from '../../helpers/store.js';
import { openPostgresStore, POSTGRES_TARGET } from '../../helpers/store-backends.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

const SECRET = 'test-signing-secret';
const alice = {
  memberId: 'alice',
  name: 'Alice Martin',
  teamIds: ['sales'],
  roleId: 'sdr',
  locale: 'en' as const,
  timezone: 'Europe/Paris',
  isManager: false,
};

interface SharedStores {
  /** The store each replica opens (the same object twice when the backend has one session). */
  readonly a: Store;
  readonly b: Store;
  close(): Promise<void>;
}

const backends: { name: string; open(): Promise<SharedStores> }[] = [
  {
    name: 'two SQLite stores on one file',
    async open() {
      const dir = tempDir();
      const a = await openStore(`file:${dir.file('rituals.db')}`);
      const b = await openStore(`file:${dir.file('rituals.db')}`);
      return {
        a,
        b,
        async close() {
          await a.close();
          await b.close();
          dir.remove();
        },
      };
    },
  },
  {
    name: `PostgreSQL (${POSTGRES_TARGET})`,
    async open() {
      if (!TEST_DATABASE_URL) {
        const one = await openPostgresStore();
        return { a: one, b: one, close: () => one.close() };
      }
      const db: TestDatabase = await createTestDatabase(TEST_DATABASE_URL);
      const a = await openStore(db.url, { poolSize: 4 });
      const b = await openStore(db.url, { poolSize: 4 });
      return {
        a,
        b,
        async close() {
          await a.close();
          await b.close();
          await db.drop();
        },
      };
    },
  },
];

interface Replica {
  readonly service: FakeRitualsService;
  readonly adapter: SlackAdapter;
  post(post: SlackPost, headers?: Record<string, string>): ReturnType<typeof postSigned>;
  close(): Promise<void>;
}

async function startReplica(fake: FakeSlackApi, store: Store | undefined): Promise<Replica> {
  const service = slackRecordingService({ U_ALICE: alice });
  service.decisionResult = () => ({ ok: true, view: notice('Decision recorded') });
  const log = createLogger('silent');
  const http = new HttpServer(log);
  const adapter = createSlackAdapter({
    config: { botToken: fake.token, signingSecret: SECRET, apiUrl: fake.url },
    service,
    workspace: fixtureWorkspace,
    http,
    log,
    ...(store ? { processedKeys: createProcessedKeysRepo(store) } : {}),
  });
  const { port } = await http.listen(0, '127.0.0.1');
  await adapter.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    service,
    adapter,
    post: (post, headers) => postSigned(baseUrl, post, { secret: SECRET, ...(headers ? { headers } : {}) }),
    async close() {
      await adapter.stop();
      await http.close();
    },
  };
}

const reaction = (eventId: string) =>
  eventCallback(
    {
      type: 'reaction_added',
      user: 'U_ALICE',
      reaction: 'tada',
      item: { type: 'message', channel: 'C_SALES', ts: '1700000000.000001' },
      item_user: 'U0BOT',
      event_ts: '1.2',
    },
    eventId,
  );

const RETRY = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };

/** A decision modal as the app opened it: Slack sends its id and hash back with every submission. */
const decisionView = (id: string) => ({
  id,
  hash: `1700000000.${id}`,
  type: 'modal',
  callback_id: DECISION_CALLBACK,
  private_metadata: JSON.stringify({ m: 'team:sales' }),
  blocks: [
    {
      type: 'input',
      block_id: DECISION_FIELDS.kind,
      element: { type: 'static_select', action_id: 'v', options: [{ value: 'decision' }] },
    },
    { type: 'input', block_id: DECISION_FIELDS.text, element: { type: 'plain_text_input', action_id: 'v' } },
  ],
});

const reactionsOf = (r: Replica) =>
  r.service.callsTo('recordReaction').map(([event]) => (event as { eventId: string }).eventId);

/** Waits until both replicas went quiet (the listeners run after the ack). */
const settle = () => new Promise((r) => setTimeout(r, 100));

describe.each(backends)('Slack replicas sharing $name', (backend) => {
  let stores: SharedStores | undefined;
  let fake: FakeSlackApi | undefined;
  const replicas: Replica[] = [];

  afterEach(async () => {
    for (const r of replicas.splice(0)) await r.close();
    await fake?.close();
    await stores?.close();
    stores = undefined;
    fake = undefined;
  });

  async function twoReplicas(shared = true): Promise<[Replica, Replica]> {
    stores = await backend.open();
    fake = await new FakeSlackApi().start();
    fake.addUser({ id: 'U_ALICE', email: 'alice@example.com', tz: 'Europe/Paris', locale: 'en-GB' });
    const a = await startReplica(fake, shared ? stores.a : undefined);
    replicas.push(a);
    const b = await startReplica(fake, shared ? stores.b : undefined);
    replicas.push(b);
    return [a, b];
  }

  it('handles an event once when Slack retries it onto the other replica', async () => {
    const [a, b] = await twoReplicas();
    const event = reaction('Ev0REPLICA1');
    expect((await a.post(event)).status).toBe(200);
    await fake!.waitFor(() => reactionsOf(a).length === 1);
    // The retry lands on the other replica: acknowledged, not handled.
    expect((await b.post(event, RETRY)).status).toBe(200);
    expect((await a.post(event, RETRY)).status).toBe(200);
    // A new event on the second replica is handled there.
    expect((await b.post(reaction('Ev0REPLICA2'))).status).toBe(200);
    await fake!.waitFor(() => reactionsOf(b).length === 1);
    await settle();
    expect(reactionsOf(a)).toEqual(['Ev0REPLICA1']);
    expect(reactionsOf(b)).toEqual(['Ev0REPLICA2']);
  });

  it('handles each event once when both replicas receive it at the same moment', async () => {
    const [a, b] = await twoReplicas();
    const ids = Array.from({ length: 20 }, (_, i) => `Ev0BOTH${i}`);
    const answers = await Promise.all(ids.flatMap((id) => [a.post(reaction(id)), b.post(reaction(id), RETRY)]));
    expect(answers.every((res) => res.status === 200)).toBe(true);
    await fake!.waitFor(() => reactionsOf(a).length + reactionsOf(b).length >= ids.length);
    await settle();
    expect([...reactionsOf(a), ...reactionsOf(b)].sort()).toEqual([...ids].sort());
  });

  it('applies a view submission once when it is replayed to the other replica', async () => {
    const [a, b] = await twoReplicas();
    const submission = viewSubmission('U_ALICE', decisionView('V0DEC1'), {
      [DECISION_FIELDS.kind]: 'decision',
      [DECISION_FIELDS.text]: 'Ship on Friday',
    });
    const first = await a.post(submission);
    expect(first.status).toBe(200);
    expect(first.json()).toMatchObject({ response_action: 'update' });
    expect(a.service.callsTo('submitDecision')).toHaveLength(1);

    const replay = await b.post(submission);
    expect(replay.status).toBe(200);
    expect(replay.text).toBe('');
    expect(b.service.callsTo('submitDecision')).toHaveLength(0);
    // Another modal's submission is new on either replica.
    const other = await b.post(
      viewSubmission('U_ALICE', decisionView('V0DEC2'), { [DECISION_FIELDS.kind]: 'decision', text: 'Hire' }),
    );
    expect(other.json()).toMatchObject({ response_action: 'update' });
    expect(b.service.callsTo('submitDecision')).toHaveLength(1);
  });

  it('without the shared store, each replica only knows its own (the retry is handled twice)', async () => {
    const [a, b] = await twoReplicas(false);
    const event = reaction('Ev0MEMORY1');
    await a.post(event);
    await fake!.waitFor(() => reactionsOf(a).length === 1);
    await b.post(event, RETRY);
    await fake!.waitFor(() => reactionsOf(b).length === 1);
    // Each replica's memory still drops a retry it has seen itself.
    await a.post(event, RETRY);
    await settle();
    expect(reactionsOf(a)).toEqual(['Ev0MEMORY1']);
  });
});
