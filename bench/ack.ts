// `npm run bench -- ack [--members 5000] [--rate 200] [--teams-rate 50] [--seconds 20] [--fanout core]`:
// time to response of interactive requests while a 5,000-member check-in fan-out runs in the same
// process. The real app (startApp) runs here with Slack in HTTP mode and Teams in local-development mode
// against local fakes; a separate load process (ack-load.ts) sends, open loop:
//   - signed Slack block_actions ("Open check-in" buttons: views.open after the ack) and view_submission
//     (check-in modals: validated and stored by the core before the ack), `rate` per second together;
//   - Teams adaptiveCard/action invokes (check-in submissions and "my goals"), `teams-rate` per second.
// The fan-out is started through the core (engine.runNow team by team) or, with `--fanout outbox`, by
// queuing prompt rows directly; the load starts with it. The details also give the p99 of each second
// (warm-up, or when the loop fell behind) and how busy the app's event loop was over the load.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunningApp } from '../src/app.js';
import { checkInModal } from '../src/slack/blocks/check-in.js';
import { blockActions, viewSubmission } from '../test/helpers/slack-payloads.js';
import { cardInvoke } from '../test/helpers/teams-activities.js';
import type { AckSample, PlannedRequest } from './ack-load.js';
import { loopStallSampler, round, rssSampler, SIGNING_SECRET, sleep, slackMemberId, slackTeamOf, slackUserId, startBenchApp, teamsAad, teamsMemberId, type WorldShape } from './e2e-world.js';
import { startFakePlatforms } from './fake-platforms-client.js';
import { startFanout, type FanoutSource, type FanoutTarget } from './fanout-source.js';
import { tempDbDir } from './temp-db.js';

export interface AckOptions {
  readonly members: number;
  readonly teams: number;
  /** Slack requests per second (block_actions and view_submission alternate). */
  readonly rate: number;
  readonly teamsRate: number;
  readonly seconds: number;
  readonly fanout: FanoutSource;
}

const LOAD = fileURLToPath(new URL('./ack-load.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEAMS_MEMBERS = 500;

export interface Percentiles {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => (s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!);
  return { n: s.length, p50: round(at(50), 1), p99: round(at(99), 1), max: round(s[s.length - 1] ?? 0, 1) };
}

/** The p99 of each second's requests (samples come in plan order, `perSecond` of them a second). */
function perSecond(samples: readonly AckSample[], perSecondCount: number): number[] {
  const out: number[] = [];
  const step = Math.max(1, Math.round(perSecondCount));
  for (let i = 0; i < samples.length; i += step) out.push(percentiles(samples.slice(i, i + step).map((s) => s.ms)).p99);
  return out;
}

/** The requests of the run, built before the fan-out starts (forms come from the core, as Slack would have them). */
async function buildPlan(app: RunningApp, opts: AckOptions, shape: WorldShape, connectorUrl: string): Promise<PlannedRequest[]> {
  const out: PlannedRequest[] = [];
  const slackCount = Math.round(opts.rate * opts.seconds);
  for (let k = 0; k < slackCount; k++) {
    const i = (k % shape.slackMembers) + 1;
    const at = (k * 1000) / opts.rate;
    if (k % 2 === 0) {
      const post = blockActions({ userId: slackUserId(i), actionId: 'checkin.open#0', value: '{}', channel: `D${slackUserId(i)}`, ts: '1700000000.000001' });
      out.push({ at, kind: 'slack.block_actions', path: '/slack/events', contentType: post.contentType, body: post.body, signed: true });
    } else {
      const form = await app.core.service.checkInForm(slackMemberId(i));
      const view = { ...checkInModal(form), id: `VBENCH${k}`, hash: `h${k}` };
      const post = viewSubmission(slackUserId(i), view, { calls: String(10 + (k % 40)), qualified_meetings: String(k % 6) });
      out.push({ at, kind: 'slack.view_submission', path: '/slack/events', contentType: post.contentType, body: post.body, signed: true });
    }
  }
  const teamsCount = Math.round(opts.teamsRate * opts.seconds);
  for (let k = 0; k < teamsCount; k++) {
    const i = (k % shape.teamsMembers) + 1;
    const base = { from: { id: `29:t${i}`, aadObjectId: teamsAad(i) }, conversation: { conversationType: 'personal', tenantId: 'tenant-contoso', id: `a:personal-t${i}` }, id: `f:bench-${k}` };
    const data =
      k % 2 === 0
        ? { action: 'checkin.submit', value: (await app.core.service.checkInForm(teamsMemberId(i))).metadata, calls: String(20 + (k % 30)), qualified_meetings: String(k % 5) }
        : { action: 'goals.show', value: '' };
    const activity = cardInvoke(connectorUrl, `act-${k}`, data, base);
    out.push({ at: (k * 1000) / opts.teamsRate, kind: `teams.${data.action}`, path: '/api/messages', contentType: 'application/json', body: JSON.stringify(activity), signed: false });
  }
  return out.sort((a, b) => a.at - b.at);
}

function runLoad(planFile: string): Promise<{ samples: AckSample[]; seconds: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(LOAD, [planFile], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'], cwd: ROOT });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`ack-load exited with ${code}`))));
  });
}

export async function runAck(opts: AckOptions): Promise<{ result: Record<string, unknown>; details: Record<string, unknown> }> {
  const shape: WorldShape = { slackMembers: opts.members, slackTeams: opts.teams, teamsMembers: TEAMS_MEMBERS };
  // Slack and Teams in their own process, without limits: this measures the acks, not the pacing.
  const fakes = await startFakePlatforms({ slackUsers: shape.slackMembers, teamsMembers: shape.teamsMembers });
  const bench = await startBenchApp({ shape, slackApiUrl: fakes.slackUrl, teams: true });
  const tmp = tempDbDir('rituals-bench-ack-');
  try {
    const plan = await buildPlan(bench.app, opts, shape, fakes.connectorUrl);
    const planFile = tmp.file('plan.json');
    writeFileSync(planFile, JSON.stringify({ baseUrl: bench.baseUrl, secret: SIGNING_SECRET, requests: plan }));
    const checkInsBefore = (bench.app.store.sqlite.prepare('select count(*) as n from check_ins').get() as { n: number }).n;

    // Prompts delivered, as the outbox recorded them (the fake also receives check-in confirmations).
    const promptsSent = bench.app.store.sqlite.prepare(`select count(*) as n from outbox where status = 'sent' and dedupe_key like 'occ:%'`);
    const prompts = { poll: () => (promptsSent.get() as { n: number }).n };
    const targets: FanoutTarget[] = Array.from({ length: shape.slackMembers }, (_, k) => ({ teamId: slackTeamOf(shape, k + 1), memberId: slackMemberId(k + 1), platform: 'slack' }));
    const rss = rssSampler();
    // The app's event loop: a long stall delays every answer behind it.
    const loop = loopStallSampler();
    // How busy the app's event loop was over the load (1 = saturated: answers queue behind each other).
    const elu0 = performance.eventLoopUtilization();
    const fanoutStarted = performance.now();
    let enqueueMs: number | undefined;
    let firstPromptMs: number | undefined;
    // Still running when the figures are read, the fan-out is ended by stop() (its errors then are expected).
    void startFanout(bench.app, opts.fanout, targets).then(
      (r) => (enqueueMs = r.enqueueMs),
      () => undefined,
    );
    const watch = setInterval(() => {
      if (firstPromptMs === undefined && prompts.poll() > 0) firstPromptMs = performance.now() - fanoutStarted;
    }, 200);

    // The load starts with the fan-out: its planning (core) and its sending overlap the requests.
    const load = await runLoad(planFile);
    const loopUtilization = round(performance.eventLoopUtilization(elu0).utilization, 2);
    const deliveredAtEnd = prompts.poll();
    clearInterval(watch);
    loop.stop();
    // Work after the acks (views.open, confirmations) finishes before the figures are read.
    await sleep(2_000);
    const checkInsAfter = (bench.app.store.sqlite.prepare('select count(*) as n from check_ins').get() as { n: number }).n;
    rss.stop();

    const byKind = (k: string) => load.samples.filter((s) => s.kind.startsWith(k));
    const ms = (xs: readonly AckSample[]) => percentiles(xs.map((s) => s.ms));
    const all = ms(load.samples);
    const submissions = load.samples.filter((s) => s.kind === 'slack.view_submission' || s.kind === 'teams.checkin.submit');
    const result = {
      members: opts.members,
      fanout: opts.fanout,
      rate: opts.rate,
      teamsRate: opts.teamsRate,
      seconds: round(load.seconds, 1),
      requests: load.samples.length,
      p50Ms: all.p50,
      p99Ms: all.p99,
      maxMs: all.max,
      slack: ms(byKind('slack.')),
      teams: ms(byKind('teams.')),
      non200: load.samples.filter((s) => s.status !== 200).length,
      refused: load.samples.filter((s) => s.refused).length,
      promptsDeliveredDuringLoad: deliveredAtEnd,
      peakRssMb: rss.peakMb(),
    };
    const details = {
      slackBlockActions: ms(byKind('slack.block_actions')),
      slackViewSubmissions: ms(byKind('slack.view_submission')),
      teamsCheckinSubmit: ms(byKind('teams.checkin.submit')),
      teamsGoalsShow: ms(byKind('teams.goals.show')),
      // Requests in plan order, so per second of the run: shows warm-up and when the loop fell behind.
      p99PerSecondMs: perSecond(load.samples, opts.rate + opts.teamsRate),
      appLoopUtilization: loopUtilization,
      sendLatenessP99Ms: percentiles(load.samples.map((s) => s.lateMs)).p99,
      eventLoopStallP99Ms: loop.p99Ms(),
      eventLoopStallMaxMs: loop.maxMs(),
      checkInsWritten: checkInsAfter - checkInsBefore,
      checkInSubmissionsSent: submissions.length,
      ...(await fakes.report()).slack.stats,
      firstPromptAfterMs: firstPromptMs === undefined ? 'none during the load' : Math.round(firstPromptMs),
      fanoutEnqueueMs: enqueueMs === undefined ? 'still running at the end of the load' : Math.round(enqueueMs),
    };
    return { result, details };
  } finally {
    await bench.close();
    await fakes.stop();
    tmp.remove();
  }
}
