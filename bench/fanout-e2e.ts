// `npm run bench -- fanout-e2e [--members 5000] [--rate 50] [--platform both] [--source core]`: a
// check-in fan-out through the whole app (startApp: store, core, outbox sender, the real Slack and Teams
// adapters) to local fakes of the platforms that enforce their published limits with 429 + Retry-After:
//   Slack: chat.postMessage 1/s per channel (no burst) and a workspace-wide rate R (burst R/10);
//   Teams: 7/s, 8/2 s, 60/30 s per conversation and 50/s for the app (a 1 s window).
// Measured per platform: seconds from the start until the last member got their prompt vs the bound N/R,
// members never prompted (lost), prompts beyond the first (duplicates), 429s answered, peak RSS of this
// process (app and fakes together). The app paces Slack at its built-in 50/s: R above that shows the
// bot's own ceiling, not the platform's.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createOutboxRepo } from '../src/store/outbox.repo.js';
import { FakeBotConnector, type RecordedCall } from '../test/helpers/fake-bot-connector.js';
import { FakeSlackApi, type FakeSlackCall } from '../test/helpers/fake-slack-api.js';
import { DeliveryTally } from './delivery-tally.js';
import { BOT_TOKEN, round, rssSampler, sleep, slackMemberId, slackTeamOf, slackUserId, startBenchApp, TEAMS_TEAM, teamsMemberId, type BenchApp, type WorldShape } from './e2e-world.js';
import { startFanout, type FanoutSource, type FanoutTarget } from './fanout-source.js';
import { RateReferee } from './rate-referee.js';
import { installTeamsMembers, personalConversation } from './teams-install.js';

export interface FanoutE2eOptions {
  readonly members: number;
  /** Slack teams the members are spread over (the core fans out team by team). */
  readonly teams: number;
  /** Slack's workspace-wide chat.postMessage rate in the fake. */
  readonly rate: number;
  /** The Teams app-wide rate in the fake. */
  readonly teamsRate: number;
  readonly platforms: readonly ('slack' | 'teams')[];
  readonly source: FanoutSource;
}

export interface PlatformFigures {
  readonly seconds: number;
  readonly boundSeconds: number;
  readonly ratio: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly http429: number;
  readonly peakRssMb: number;
}

interface PhaseOutcome {
  readonly figures: PlatformFigures;
  readonly details: Record<string, unknown>;
}

/** Waits until `delivered()` reaches `n` or the deadline; then until the outbox has nothing left to do. */
async function measure(bench: BenchApp, n: number, boundSeconds: number, delivered: () => number, start: () => Promise<Record<string, unknown>>) {
  const rss = rssSampler();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t0 = performance.now();
  const deadline = t0 + (boundSeconds * 3 + 120) * 1000;
  const started = start();
  while (delivered() < n && performance.now() < deadline) await sleep(5);
  const queued = await started;
  const outbox = createOutboxRepo(bench.app.store);
  for (;;) {
    const c = await outbox.counts();
    if (c.pending + c.sending + c.failed === 0 || performance.now() > deadline) break;
    await sleep(50);
  }
  loop.disable();
  rss.stop();
  return {
    t0,
    peakRssMb: rss.peakMb(),
    queued,
    outbox: await outbox.counts(),
    eventLoopDelayP99Ms: round(loop.percentile(99) / 1e6, 1),
    eventLoopDelayMaxMs: round(loop.max / 1e6, 1),
  };
}

async function slackPhase(opts: FanoutE2eOptions): Promise<PhaseOutcome> {
  const n = opts.members;
  const fake = await new FakeSlackApi().start();
  fake.token = BOT_TOKEN;
  for (let i = 1; i <= n; i++) fake.addUser({ id: slackUserId(i) });
  const referee = new RateReferee(
    [{ kind: 'bucket', perSecond: 1, burst: 1 }],
    [{ kind: 'bucket', perSecond: opts.rate, burst: Math.max(1, Math.round(opts.rate / 10)) }],
  );
  fake.interceptor = (method, args) => {
    if (method !== 'chat.postMessage') return undefined;
    const wait = referee.check(String(args.channel));
    return wait === undefined ? undefined : { retryAfterSeconds: wait };
  };
  const shape: WorldShape = { slackMembers: n, slackTeams: opts.teams, teamsMembers: 0 };
  const bench = await startBenchApp({ shape, slackApiUrl: fake.url, teams: false });
  try {
    const tally = new DeliveryTally<FakeSlackCall>(fake.calls, (c) => (c.method === 'chat.postMessage' && c.outcome === 'ok' ? String(c.args.channel) : undefined));
    const targets: FanoutTarget[] = Array.from({ length: n }, (_, k) => ({ teamId: slackTeamOf(shape, k + 1), memberId: slackMemberId(k + 1), platform: 'slack' }));
    const boundSeconds = n / opts.rate;
    const m = await measure(bench, n, boundSeconds, () => tally.poll(), async () => ({ ...(await startFanout(bench.app, opts.source, targets)) }));
    const seconds = (tally.lastFirstDeliveryAt - m.t0) / 1000;
    const expected = Array.from({ length: n }, (_, k) => `D${slackUserId(k + 1)}`);
    return {
      figures: {
        seconds: round(seconds),
        boundSeconds: round(boundSeconds),
        ratio: round(seconds / boundSeconds, 3),
        lost: tally.lost(expected).length,
        duplicates: tally.duplicates(),
        http429: referee.stats.throttled,
        peakRssMb: m.peakRssMb,
      },
      details: {
        rate: opts.rate,
        queued: m.queued,
        postMessageCalls: fake.callsTo('chat.postMessage').length,
        conversationsOpenCalls: fake.callsTo('conversations.open').length,
        throttledPerChannel: referee.stats.throttledByKey,
        throttledGlobally: referee.stats.throttledGlobally,
        outbox: m.outbox,
        eventLoopDelayP99Ms: m.eventLoopDelayP99Ms,
        eventLoopDelayMaxMs: m.eventLoopDelayMaxMs,
      },
    };
  } finally {
    await bench.close();
    await fake.close();
  }
}

async function teamsPhase(opts: FanoutE2eOptions): Promise<PhaseOutcome> {
  const n = opts.members;
  const connector = await new FakeBotConnector().start();
  const referee = new RateReferee(
    [
      { kind: 'window', max: 7, windowMs: 1_000 },
      { kind: 'window', max: 8, windowMs: 2_000 },
      { kind: 'window', max: 60, windowMs: 30_000 },
    ],
    [{ kind: 'window', max: opts.teamsRate, windowMs: 1_000 }],
  );
  let refereeOn = false;
  connector.interceptor = (call) => {
    if (!refereeOn || !call.conversationId || !/\/activities(\/|$)/.test(call.path)) return undefined;
    const wait = referee.check(call.conversationId);
    return wait === undefined ? undefined : { status: 429, body: { error: { code: 'TooManyRequests', message: 'slow down' } }, headers: { 'retry-after': String(wait) } };
  };
  const shape: WorldShape = { slackMembers: 0, slackTeams: 0, teamsMembers: n };
  const bench = await startBenchApp({ shape, teams: true });
  try {
    const installMs = await installTeamsMembers(bench.baseUrl, connector.url, n);
    connector.reset();
    refereeOn = true;
    const tally = new DeliveryTally<RecordedCall>(connector.calls, (c) =>
      c.method === 'POST' && /\/activities$/.test(c.path) && c.status < 300 ? c.conversationId : undefined,
    );
    const targets: FanoutTarget[] = Array.from({ length: n }, (_, k) => ({ teamId: TEAMS_TEAM, memberId: teamsMemberId(k + 1), platform: 'teams' }));
    const boundSeconds = n / opts.teamsRate;
    const m = await measure(bench, n, boundSeconds, () => tally.poll(), async () => ({ ...(await startFanout(bench.app, opts.source, targets)) }));
    const seconds = (tally.lastFirstDeliveryAt - m.t0) / 1000;
    const expected = Array.from({ length: n }, (_, k) => personalConversation(k + 1));
    return {
      figures: {
        seconds: round(seconds),
        boundSeconds: round(boundSeconds),
        ratio: round(seconds / boundSeconds, 3),
        lost: tally.lost(expected).length,
        duplicates: tally.duplicates(),
        http429: referee.stats.throttled,
        peakRssMb: m.peakRssMb,
      },
      details: {
        teamsRate: opts.teamsRate,
        installMs: Math.round(installMs),
        queued: m.queued,
        activityPosts: connector.calls.filter((c) => c.method === 'POST').length,
        throttledPerConversation: referee.stats.throttledByKey,
        throttledAppWide: referee.stats.throttledGlobally,
        outbox: m.outbox,
        eventLoopDelayP99Ms: m.eventLoopDelayP99Ms,
        eventLoopDelayMaxMs: m.eventLoopDelayMaxMs,
      },
    };
  } finally {
    await bench.close();
    await connector.stop();
  }
}

export async function runFanoutE2e(opts: FanoutE2eOptions): Promise<{ result: Record<string, unknown>; details: Record<string, unknown> }> {
  const result: Record<string, unknown> = { members: opts.members, source: opts.source };
  const details: Record<string, unknown> = {};
  for (const platform of opts.platforms) {
    const outcome = platform === 'slack' ? await slackPhase(opts) : await teamsPhase(opts);
    result[platform] = outcome.figures;
    details[`${platform}Details`] = outcome.details;
  }
  return { result, details };
}
