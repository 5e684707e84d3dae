// Socket Mode (SLACK_APP_TOKEN set): the adapter opens the connection through apps.connections.open on
// SLACK_API_URL with the app-level token, registers no HTTP route, and handles events and commands
// that arrive over the WebSocket, acking each envelope; a retried event is still counted once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/slack/adapter.js';
import { type FakeRitualsService, slackRecordingService } from '../../helpers/fake-rituals-service.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import type { FakeSocketMode } from '../../helpers/fake-socket-mode.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

const alice = {
  memberId: 'alice',
  name: 'Alice Martin',
  teamIds: ['sales'],
  roleId: 'sdr',
  locale: 'en' as const,
  timezone: 'Europe/Paris',
  isManager: false,
};

describe('Slack Socket Mode', () => {
  let fake: FakeSlackApi;
  let socket: FakeSocketMode;
  let adapter: SlackAdapter;
  let service: FakeRitualsService;
  let http: HttpServer;

  beforeEach(async () => {
    fake = await new FakeSlackApi().start();
    fake.addUser({ id: 'U_ALICE', email: 'alice@example.com' });
    socket = fake.enableSocketMode();
    service = slackRecordingService({ U_ALICE: alice });
    const log = createLogger('silent');
    http = new HttpServer(log);
    adapter = createSlackAdapter({
      config: { botToken: fake.token, appToken: fake.appToken, apiUrl: fake.url },
      service,
      workspace: fixtureWorkspace,
      http,
      log,
    });
    await adapter.start();
    await socket.connected;
  });
  afterEach(async () => {
    await adapter.stop();
    await fake.close();
  });

  it('connects with the app-level token through SLACK_API_URL and serves no HTTP route', async () => {
    expect(adapter.mode).toBe('socket');
    expect(fake.okCallsTo('apps.connections.open')[0]!.token).toBe(fake.appToken);
    expect(fake.okCallsTo('auth.test')).toHaveLength(1);
    const { port } = await http.listen(0, '127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    await http.close();
  });

  it('acks events over the socket and counts a retried event once', async () => {
    const envelope = (eventId: string) => ({
      type: 'event_callback',
      team_id: 'T0TEST',
      api_app_id: 'A0TEST',
      event_id: eventId,
      event_time: 1,
      // On the bot's own post (item_user): reactions to other messages are not tallied.
      event: {
        type: 'reaction_added',
        user: 'U_ALICE',
        reaction: 'fire',
        item: { type: 'message', channel: 'C_SALES', ts: '1.1' },
        item_user: 'U0BOT',
        event_ts: '1.1',
      },
    });
    await socket.deliver('events_api', envelope('EvSOCK1'), 'env-1');
    await socket.deliver('events_api', envelope('EvSOCK1'), 'env-2', 1);
    await fake.waitFor(() => service.callsTo('recordReaction').length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(service.callsTo('recordReaction')).toHaveLength(1);
  });

  it('answers a slash command that came over the socket through its response URL', async () => {
    const ack = await socket.deliver(
      'slash_commands',
      {
        command: '/rituals',
        text: 'me',
        user_id: 'U_ALICE',
        team_id: 'T0TEST',
        channel_id: 'C1',
        response_url: fake.responseUrl('sock-cmd'),
        trigger_id: 't.1',
        api_app_id: 'A0TEST',
      },
      'env-cmd',
    );
    expect(ack.envelope_id).toBe('env-cmd');
    const answer = await fake.waitFor(() => fake.responses.find((r) => r.id === 'sock-cmd'));
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', text: 'command me for alice' });
  });
});
