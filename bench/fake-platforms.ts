// The platforms of the end-to-end benchmarks, in their own process as the real ones are remote: a fake
// Slack Web API and a fake Bot Connector (the test fakes), optionally enforcing the platforms' limits
// through a RateReferee, so the app's event loop and the referee's clock never interfere. Driven by
// IPC from bench/fake-platforms-client.ts:
//   node --import tsx bench/fake-platforms.ts '{"slackUsers":5000,"slackRate":50,...}'
// Times are absolute high-resolution milliseconds (performance.timeOrigin + now), comparable across processes.
import { FakeBotConnector, type RecordedCall } from '../test/helpers/fake-bot-connector.js';
import { FakeSlackApi, type FakeSlackCall } from '../test/helpers/fake-slack-api.js';
import { DeliveryTally } from './delivery-tally.js';
import { BOT_TOKEN, personalConversation, slackUserId } from './e2e-ids.js';
import { RateReferee } from './rate-referee.js';

export interface FakePlatformsConfig {
  readonly slackUsers: number;
  /** Slack's workspace-wide chat.postMessage rate (and 1/s per channel); absent: no limits. */
  readonly slackRate?: number;
  readonly slackBurst?: number;
  /** Teams' app-wide rate (and 7/s, 8/2 s, 60/30 s per conversation); absent: no limits. */
  readonly teamsRate?: number;
  readonly teamsMembers: number;
  /** Team channels the bot is a member of (reviews are posted there). */
  readonly slackChannels?: readonly string[];
}

export type ToChild =
  | { readonly type: 'poll' | 'report' | 'stop' }
  | { readonly type: 'teams-limits'; readonly on: boolean };

export interface PollAnswer {
  readonly type: 'poll';
  readonly slackDelivered: number;
  readonly slackLastFirstAt: number;
  readonly teamsDelivered: number;
  readonly teamsLastFirstAt: number;
}

export interface PlatformReport {
  readonly lost: number;
  readonly duplicates: number;
  readonly http429: number;
  readonly stats: Record<string, number>;
}

const config = JSON.parse(process.argv[2] ?? '{}') as FakePlatformsConfig;
const abs = () => performance.timeOrigin + performance.now();

const slack = await new FakeSlackApi().start();
slack.token = BOT_TOKEN;
for (let i = 1; i <= config.slackUsers; i++) slack.addUser({ id: slackUserId(i), locale: 'en-GB', tz: 'Europe/Paris' });
for (const channel of config.slackChannels ?? []) slack.addChannel(channel);
const slackReferee = config.slackRate
  ? new RateReferee(
      [{ kind: 'bucket', perSecond: 1, burst: 1 }],
      [
        {
          kind: 'bucket',
          perSecond: config.slackRate,
          burst: config.slackBurst ?? Math.max(1, Math.round(config.slackRate / 10)),
        },
      ],
    )
  : undefined;
slack.interceptor = (method, args) => {
  if (!slackReferee || method !== 'chat.postMessage') return undefined;
  const wait = slackReferee.check(String(args.channel));
  return wait === undefined ? undefined : { retryAfterSeconds: wait };
};
// A DM gets its prompt and, in the ack benchmark, check-in confirmations: count the first per channel.
const slackTally = new DeliveryTally<FakeSlackCall>(slack.calls, (c) =>
  c.method === 'chat.postMessage' && c.outcome === 'ok' ? String(c.args.channel) : undefined,
);

const connector = await new FakeBotConnector().start();
const teamsReferee = config.teamsRate
  ? new RateReferee(
      [
        { kind: 'window', max: 7, windowMs: 1_000 },
        { kind: 'window', max: 8, windowMs: 2_000 },
        { kind: 'window', max: 60, windowMs: 30_000 },
      ],
      [{ kind: 'window', max: config.teamsRate, windowMs: 1_000 }],
    )
  : undefined;
let teamsLimitsOn = false;
connector.interceptor = (call) => {
  if (!teamsReferee || !teamsLimitsOn || !call.conversationId || !/\/activities(\/|$)/.test(call.path))
    return undefined;
  const wait = teamsReferee.check(call.conversationId);
  return wait === undefined
    ? undefined
    : {
        status: 429,
        body: { error: { code: 'TooManyRequests', message: 'slow down' } },
        headers: { 'retry-after': String(wait) },
      };
};
let teamsTally = new DeliveryTally<RecordedCall>(connector.calls, (c) =>
  c.method === 'POST' && /\/activities$/.test(c.path) && c.status < 300 ? c.conversationId : undefined,
);

// Poll answers carry absolute times: the tallies stamp with performance.now() of this process.
const toAbs = (t: number) => (t === 0 ? 0 : performance.timeOrigin + t);

function report(): { slack: PlatformReport; teams: PlatformReport } {
  const slackExpected = Array.from({ length: config.slackUsers }, (_, k) => `D${slackUserId(k + 1)}`);
  const teamsExpected = Array.from({ length: config.teamsMembers }, (_, k) => personalConversation(k + 1));
  return {
    slack: {
      lost: slackTally.lost(slackExpected).length,
      duplicates: slackTally.duplicates(),
      http429: slackReferee?.stats.throttled ?? 0,
      stats: {
        postMessageCalls: slack.callsTo('chat.postMessage').length,
        conversationsOpenCalls: slack.callsTo('conversations.open').length,
        viewsOpened: slack.okCallsTo('views.open').length,
        usersInfoCalls: slack.callsTo('users.info').length,
        channelPosts: slack.okCallsTo('chat.postMessage').filter((c) => String(c.args.channel).startsWith('C')).length,
        chartUploads: slack.okCallsTo('files.completeUploadExternal').length,
        throttledPerChannel: slackReferee?.stats.throttledByKey ?? 0,
        throttledGlobally: slackReferee?.stats.throttledGlobally ?? 0,
      },
    },
    teams: {
      lost: teamsTally.lost(teamsExpected).length,
      duplicates: teamsTally.duplicates(),
      http429: teamsReferee?.stats.throttled ?? 0,
      stats: {
        activityPosts: connector.calls.filter((c) => c.method === 'POST').length,
        throttledPerConversation: teamsReferee?.stats.throttledByKey ?? 0,
        throttledAppWide: teamsReferee?.stats.throttledGlobally ?? 0,
      },
    },
  };
}

process.on('message', (m: ToChild) => {
  if (m.type === 'poll') {
    const answer: PollAnswer = {
      type: 'poll',
      slackDelivered: slackTally.poll(),
      slackLastFirstAt: toAbs(slackTally.lastFirstDeliveryAt),
      teamsDelivered: teamsTally.poll(),
      teamsLastFirstAt: toAbs(teamsTally.lastFirstDeliveryAt),
    };
    process.send!(answer);
  } else if (m.type === 'teams-limits') {
    // Installs come first and are not sends: the counting and the limits start afterwards.
    connector.reset();
    teamsTally = new DeliveryTally<RecordedCall>(connector.calls, (c) =>
      c.method === 'POST' && /\/activities$/.test(c.path) && c.status < 300 ? c.conversationId : undefined,
    );
    teamsLimitsOn = m.on;
    process.send!({ type: 'teams-limits' });
  } else if (m.type === 'report') {
    process.send!({ type: 'report', ...report() });
  } else if (m.type === 'stop') {
    void Promise.all([slack.close(), connector.stop()]).then(() => process.exit(0));
  }
});
process.send!({ type: 'ready', slackUrl: slack.url, connectorUrl: connector.url, at: abs() });
