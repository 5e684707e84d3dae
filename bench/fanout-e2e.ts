// `npm run bench -- fanout-e2e [--members 5000] [--rate 50] [--platform both] [--source core]`: a
// check-in fan-out through the whole app (startApp: store, core, outbox sender, the real Slack and Teams
// adapters) to fakes of the platforms, run in their own process, that enforce the published limits
// with 429 + Retry-After (see fake-platforms.ts):
//   Slack: chat.postMessage 1/s per channel (no burst) and a workspace-wide rate R, whose burst is one
//          second of R by default (as bench/fake-chat-api.ts) and can be tightened with --burst;
//   Teams: 7/s, 8/2 s, 60/30 s per conversation and 50/s for the app (a 1 s window).
// Measured per platform: seconds from the start until the last member got their prompt vs the bound N/R,
// members never prompted (lost), prompts beyond the first (duplicates), 429s answered, peak RSS of the
// app's process. The app paces Slack at its built-in 50/s: R above that shows the bot's own ceiling.
import { createOutboxRepo } from '../src/store/outbox.repo.js';
import { rawNumber, rawRun } from '../src/store/raw-access.js';
import {
  type BenchApp,
  loopStallSampler,
  round,
  rssSampler,
  slackMemberId,
  slackTeamOf,
  sleep,
  startBenchApp,
  TEAMS_TEAM,
  teamsMemberId,
  type WorldShape,
} from './e2e-world.js';
import type { PlatformReport, PollAnswer } from './fake-platforms.js';
import { absNow, type FakePlatforms, startFakePlatforms } from './fake-platforms-client.js';
import { type FanoutSource, type FanoutTarget, startFanout } from './fanout-source.js';
import { installTeamsMembers } from './teams-install.js';

export interface FanoutE2eOptions {
  readonly members: number;
  /** Slack teams the members are spread over (the core fans out team by team). */
  readonly teams: number;
  /** Slack's workspace-wide chat.postMessage rate in the fake, and its burst (default: one second of it). */
  readonly rate: number;
  readonly burst?: number;
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

type Side = 'slack' | 'teams';

/** Starts the fan-out, waits until every member has a prompt (or the deadline), then until the outbox is idle. */
async function measure(
  bench: BenchApp,
  fakes: FakePlatforms,
  side: Side,
  targets: readonly FanoutTarget[],
  source: FanoutSource,
  rate: number,
): Promise<PhaseOutcome> {
  const n = targets.length;
  const boundSeconds = n / rate;
  const delivered = (p: PollAnswer) => (side === 'slack' ? p.slackDelivered : p.teamsDelivered);
  const rss = rssSampler();
  const loop = loopStallSampler();
  const t0 = absNow();
  const deadline = performance.now() + (boundSeconds * 3 + 120) * 1000;
  let enqueue: Record<string, unknown> = {};
  const started = startFanout(bench.app, source, targets).then(
    (r) => (enqueue = { enqueueMs: Math.round(r.enqueueMs), enqueued: r.enqueued }),
  );
  let last = await fakes.poll();
  while (delivered(last) < n && performance.now() < deadline) {
    await sleep(20);
    last = await fakes.poll();
  }
  await started;
  const outbox = createOutboxRepo(bench.app.store);
  for (;;) {
    const c = await outbox.counts();
    if (c.pending + c.sending + c.failed === 0 || performance.now() > deadline) break;
    await sleep(50);
  }
  loop.stop();
  rss.stop();
  const seconds = ((side === 'slack' ? last.slackLastFirstAt : last.teamsLastFirstAt) - t0) / 1000;
  const rep: PlatformReport = (await fakes.report())[side];
  return {
    figures: {
      seconds: round(seconds),
      boundSeconds: round(boundSeconds),
      ratio: round(seconds / boundSeconds, 3),
      lost: rep.lost,
      duplicates: rep.duplicates,
      http429: rep.http429,
      peakRssMb: rss.peakMb(),
    },
    details: {
      rate,
      ...enqueue,
      ...rep.stats,
      outbox: await outbox.counts(),
      eventLoopStallP99Ms: loop.p99Ms(),
      eventLoopStallMaxMs: loop.maxMs(),
    },
  };
}

async function slackPhase(opts: FanoutE2eOptions): Promise<PhaseOutcome> {
  const n = opts.members;
  const fakes = await startFakePlatforms({
    slackUsers: n,
    slackRate: opts.rate,
    slackBurst: opts.burst ?? opts.rate,
    teamsMembers: 0,
  });
  const shape: WorldShape = { slackMembers: n, slackTeams: opts.teams, teamsMembers: 0 };
  const bench = await startBenchApp({ shape, slackApiUrl: fakes.slackUrl, teams: false });
  try {
    const targets: FanoutTarget[] = Array.from({ length: n }, (_, k) => ({
      teamId: slackTeamOf(shape, k + 1),
      memberId: slackMemberId(k + 1),
      platform: 'slack',
    }));
    const outcome = await measure(bench, fakes, 'slack', targets, opts.source, opts.rate);
    return { ...outcome, details: { burst: opts.burst ?? opts.rate, ...outcome.details } };
  } finally {
    await bench.close();
    await fakes.stop();
  }
}

async function teamsPhase(opts: FanoutE2eOptions): Promise<PhaseOutcome> {
  const n = opts.members;
  const fakes = await startFakePlatforms({ slackUsers: 0, teamsRate: opts.teamsRate, teamsMembers: n });
  const shape: WorldShape = { slackMembers: 0, slackTeams: 0, teamsMembers: n };
  const bench = await startBenchApp({ shape, teams: true });
  try {
    const installMs = await installTeamsMembers(bench.baseUrl, fakes.connectorUrl, n);
    // Each install queued its member's welcome: set aside, as this measures the check-in fan-out (sent,
    // they would take half the app's Teams budget and count as second messages). The few already being
    // sent finish before the counting starts.
    const welcomes = `from outbox where dedupe_key like 'teams:welcome:%'`;
    const welcomesSetAside = await rawNumber(bench.app.store, `select count(*) as n ${welcomes}`);
    await rawRun(bench.app.store, `delete ${welcomes}`);
    await sleep(1_000);
    await fakes.teamsLimits(true);
    const targets: FanoutTarget[] = Array.from({ length: n }, (_, k) => ({
      teamId: TEAMS_TEAM,
      memberId: teamsMemberId(k + 1),
      platform: 'teams',
    }));
    const outcome = await measure(bench, fakes, 'teams', targets, opts.source, opts.teamsRate);
    return { ...outcome, details: { installMs: Math.round(installMs), welcomesSetAside, ...outcome.details } };
  } finally {
    await bench.close();
    await fakes.stop();
  }
}

export async function runFanoutE2e(
  opts: FanoutE2eOptions,
): Promise<{ result: Record<string, unknown>; details: Record<string, unknown> }> {
  const result: Record<string, unknown> = { members: opts.members, source: opts.source };
  const details: Record<string, unknown> = {};
  for (const platform of opts.platforms) {
    const outcome = platform === 'slack' ? await slackPhase(opts) : await teamsPhase(opts);
    result[platform] = outcome.figures;
    details[`${platform}Details`] = outcome.details;
  }
  return { result, details };
}
