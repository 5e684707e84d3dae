// `npm run bench -- ack [--members 5000] [--rate 200] [--teams-rate 50] [--seconds 20] [--fanout core|outbox|none]`
// and `npm run bench -- reviews [--teams 10]`: time to answer interactive requests from the first second
// of the bot's life while it works. The bot runs as an operator runs it (the compiled build, in its own
// process, Slack in HTTP mode and Teams in local-development mode against local fakes in a third
// process). Before it starts, this process prepares the SQLite file (workspace synced, the check-in
// forms the load will submit, history for the reviews) and a load process (ack-load.ts) that starts on
// the bot's first /healthz 200 and sends, open loop:
//   - signed Slack block_actions ("Open check-in" buttons: views.open after the ack) and view_submission
//     (check-in modals: validated and stored by the core before the ack), `rate` per second together;
//   - Teams adaptiveCard/action invokes (check-in submissions and "my goals"), `teams-rate` per second.
// The work runs meanwhile, started by the bot's own start-up tick (a fire one minute old is caught up):
//   ack:     the check-in of every Slack team (`--fanout core`: prompts built by the engine), or the same
//            prompts queued in the outbox before start (`--fanout outbox`: delivery only), or nothing;
//   reviews: the monthly review of `--teams` teams of 50 with their charts (Vega, resvg, uploads).
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildCore } from '../src/compose/build-core.js';
import { loadWorkspace } from '../src/config/workspace-load.js';
import type { Workspace } from '../src/core/domain/model.js';
import type { Destination, MetricValueInput, OutboxItemInput } from '../src/core/ports/index.js';
import type { RitualsCore } from '../src/core/rituals/create-core.js';
import { weekOf } from '../src/core/rituals/engine/checkin-window.js';
import { occurrenceKey } from '../src/core/rituals/engine/occurrence-runner.js';
import { checkInPromptView } from '../src/core/view-builders/checkin-views.js';
import { createLogger } from '../src/logging/logger.js';
import { checkInModal } from '../src/slack/blocks/check-in.js';
import { openStore, type Store } from '../src/store/connection.js';
import { createOutboxRepo } from '../src/store/outbox.repo.js';
import { rawNumber } from '../src/store/raw-access.js';
import { syncWorkspace } from '../src/store/sync-workspace.js';
import { blockActions, viewSubmission } from '../test/helpers/slack-payloads.js';
import { cardInvoke } from '../test/helpers/teams-activities.js';
import type { AckSample, PlannedRequest } from './ack-load.js';
import { ensureBuilt, freePort, startChildApp, threadCpu } from './app-child.js';
import { prepareBenchDatabase } from './bench-db.js';
import {
  BOT_TOKEN,
  SIGNING_SECRET,
  slackChannelId,
  slackMemberId,
  slackTeamOf,
  slackUserId,
  teamsAad,
  teamsMemberId,
  type WorldShape,
} from './e2e-ids.js';
import { round, sleep, type WorldRituals, worldYaml } from './e2e-world.js';
import { startFakePlatforms } from './fake-platforms-client.js';
import { tempDbDir } from './temp-db.js';

export type AckWork = 'core' | 'outbox' | 'none';

export interface AckOptions {
  readonly members: number;
  readonly teams: number;
  /** Slack requests per second (block_actions and view_submission alternate). */
  readonly rate: number;
  readonly teamsRate: number;
  readonly seconds: number;
  readonly fanout: AckWork;
  /** Monthly reviews of every Slack team, built at start (the `reviews` benchmark). */
  readonly reviews?: boolean;
  /** A PostgreSQL URL to run on (created when missing, emptied first); a temporary SQLite file otherwise. */
  readonly db?: string;
}

const LOAD = fileURLToPath(new URL('./ack-load.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEAMS_MEMBERS = 500;
const ZONE = 'Europe/Paris';
const METRICS_TOKEN = 'bench-metrics-token-0123456789';

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

/**
 * A weekly cron firing at the minute before now (in the workspace's zone): the bot's start-up tick runs
 * it, and it is the week's only fire (a check-in's window opens with its first fire of the week).
 */
export function previousMinuteCron(zone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(now.getTime() - 60_000));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return `${Number(get('minute'))} ${Number(get('hour'))} * * ${weekday}`;
}

/** Weekly values of the last six months for every Slack member: what a review's charts draw. Written through
 * the repository in batches, so the same code seeds SQLite and PostgreSQL. */
async function writeHistory(store: Store, shape: WorldShape, now: Date): Promise<number> {
  const rows: MetricValueInput[] = [];
  for (let i = 1; i <= shape.slackMembers; i++) {
    for (let w = 1; w <= 26; w++) {
      const day = new Date(now.getTime() - w * 7 * 86_400_000).toISOString().slice(0, 10);
      const base = { memberId: slackMemberId(i), teamId: slackTeamOf(shape, i), date: day, source: 'checkin' as const };
      rows.push({ ...base, kpiId: 'calls', value: 60 + ((i * 7 + w * 13) % 60), externalId: `bench:${i}:${w}:calls` });
      rows.push({ ...base, kpiId: 'qualified_meetings', value: 4 + ((i + w) % 9), externalId: `bench:${i}:${w}:qm` });
    }
  }
  for (let k = 0; k < rows.length; k += 2_000)
    await store.metricValues.upsertMany(rows.slice(k, k + 2_000), { at: now.toISOString() });
  return rows.length;
}

/** The requests of the run, with the check-in forms as Slack and Teams would have them (from the core). */
async function buildPlan(
  core: RitualsCore,
  opts: AckOptions,
  shape: WorldShape,
  connectorUrl: string,
): Promise<PlannedRequest[]> {
  const out: PlannedRequest[] = [];
  const slackCount = Math.round(opts.rate * opts.seconds);
  for (let k = 0; k < slackCount; k++) {
    const i = (k % shape.slackMembers) + 1;
    const at = (k * 1000) / opts.rate;
    if (k % 2 === 0) {
      const post = blockActions({
        userId: slackUserId(i),
        actionId: 'checkin.open#0',
        value: '{}',
        channel: `D${slackUserId(i)}`,
        ts: '1700000000.000001',
      });
      out.push({
        at,
        kind: 'slack.block_actions',
        path: '/slack/events',
        contentType: post.contentType,
        body: post.body,
        signed: true,
      });
    } else {
      const form = await core.service.checkInForm(slackMemberId(i));
      const view = { ...checkInModal(form), id: `VBENCH${k}`, hash: `h${k}` };
      const post = viewSubmission(slackUserId(i), view, {
        calls: String(10 + (k % 40)),
        qualified_meetings: String(k % 6),
      });
      out.push({
        at,
        kind: 'slack.view_submission',
        path: '/slack/events',
        contentType: post.contentType,
        body: post.body,
        signed: true,
      });
    }
  }
  const teamsCount = Math.round(opts.teamsRate * opts.seconds);
  for (let k = 0; k < teamsCount; k++) {
    const i = (k % shape.teamsMembers) + 1;
    const base = {
      from: { id: `29:t${i}`, aadObjectId: teamsAad(i) },
      conversation: { conversationType: 'personal', tenantId: 'tenant-contoso', id: `a:personal-t${i}` },
      id: `f:bench-${k}`,
    };
    const data =
      k % 2 === 0
        ? {
            action: 'checkin.submit',
            value: (await core.service.checkInForm(teamsMemberId(i))).metadata,
            calls: String(20 + (k % 30)),
            qualified_meetings: String(k % 5),
          }
        : { action: 'goals.show', value: '' };
    const activity = cardInvoke(connectorUrl, `act-${k}`, data, base);
    out.push({
      at: (k * 1000) / opts.teamsRate,
      kind: `teams.${data.action}`,
      path: '/api/messages',
      contentType: 'application/json',
      body: JSON.stringify(activity),
      signed: false,
    });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Every Slack member's prompt queued before start, with the core's dedupe keys (`--fanout outbox`). */
async function queuePrompts(store: Store, ws: Workspace, shape: WorldShape, now: Date): Promise<number> {
  const period = weekOf(ws, now, ZONE);
  const view = checkInPromptView({
    locale: 'en',
    name: 'Bench Member',
    period,
    deadline: new Date(now.getTime() + 3 * 86_400_000),
    zone: ZONE,
    lines: [],
  });
  const items: OutboxItemInput[] = Array.from({ length: shape.slackMembers }, (_, k) => ({
    dedupeKey: `occ:${occurrenceKey(slackTeamOf(shape, k + 1), 'checkin', period.key, slackMemberId(k + 1))}`,
    platform: 'slack',
    destination: { kind: 'dm', memberId: slackMemberId(k + 1) } satisfies Destination,
    view,
  }));
  return (await createOutboxRepo(store).enqueue(items, { at: now.toISOString() })).enqueued;
}

/** Starts the load process; resolves `ready` once it polls /healthz, `done` with its samples. */
function startLoad(planFile: string): {
  ready: Promise<void>;
  done: Promise<{ samples: AckSample[]; seconds: number }>;
} {
  const child = fork(LOAD, [planFile], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    cwd: ROOT,
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
  });
  const done = new Promise<{ samples: AckSample[]; seconds: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`ack-load exited with ${code}`)),
    );
  });
  return { ready, done };
}

/** The bot's event-loop lag as its /metrics reports it (prom-client's process metrics), in ms. */
async function loopLag(baseUrl: string): Promise<Record<string, number>> {
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).catch(
    () => undefined,
  );
  if (res?.status !== 200) return {};
  const text = await res.text();
  const read = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return {
    eventLoopLagP99Ms: round(read('rituals_nodejs_eventloop_lag_p99_seconds'), 1),
    eventLoopLagMaxMs: round(read('rituals_nodejs_eventloop_lag_max_seconds'), 1),
  };
}

export async function runAck(
  opts: AckOptions,
): Promise<{ result: Record<string, unknown>; details: Record<string, unknown> }> {
  const shape: WorldShape = { slackMembers: opts.members, slackTeams: opts.teams, teamsMembers: TEAMS_MEMBERS };
  // The compiled build, as `npm start` runs it; compiled now so the start measured is the bot's.
  await ensureBuilt();
  const fakes = await startFakePlatforms({
    slackUsers: shape.slackMembers,
    teamsMembers: shape.teamsMembers,
    slackChannels: Array.from({ length: shape.slackTeams }, (_, k) => slackChannelId(k + 1)),
  });
  const tmp = tempDbDir('rituals-bench-ack-');
  let app: ReturnType<typeof startChildApp> | undefined;
  let store: Store | undefined;
  try {
    const now = new Date();
    const fire = previousMinuteCron(ZONE, now);
    const rituals: WorldRituals = {
      ...(opts.fanout === 'core' ? { checkinCron: fire } : {}),
      ...(opts.reviews ? { monthlyReviewCron: fire } : {}),
    };
    const configPath = tmp.file('workspace.yaml');
    writeFileSync(configPath, worldYaml(shape, rituals));
    const databaseUrl = opts.db ?? `file:${tmp.file('bench.db')}`;
    if (opts.db) await prepareBenchDatabase(opts.db);
    store = await openStore(databaseUrl);
    const loaded = await loadWorkspace(configPath);
    await syncWorkspace(store, loaded.workspace, { actor: 'config' });
    const historyRows = opts.reviews ? await writeHistory(store, shape, now) : 0;
    const { core } = buildCore({
      store,
      workspace: () => loaded.workspace,
      log: createLogger('silent'),
      platformFor: () => 'slack',
    });
    const plan = await buildPlan(core, opts, shape, fakes.connectorUrl);
    const queued = opts.fanout === 'outbox' ? await queuePrompts(store, loaded.workspace, shape, now) : 0;

    // How busy the shared host was (1-minute load average, 2 cores here): the figures swing with it.
    const loadBefore = round(loadavg()[0]!, 1);
    const port = await freePort();
    const planFile = tmp.file('plan.json');
    writeFileSync(
      planFile,
      JSON.stringify({
        baseUrl: `http://127.0.0.1:${port}`,
        secret: SIGNING_SECRET,
        afterHealthz: true,
        requests: plan,
      }),
    );
    const checkInsBefore = await rawNumber(store, 'select count(*) as n from check_ins');
    const load = startLoad(planFile);
    await load.ready;
    // The bot starts now; the load starts on its first /healthz 200.
    app = startChildApp(
      {
        DATABASE_URL: databaseUrl,
        RITUALS_CONFIG: configPath,
        SANDBOX: 'off',
        LOG_LEVEL: 'error',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fakes.slackUrl,
        TEAMS_ENABLED: 'true',
        METRICS_TOKEN,
      },
      port,
    );
    const startupMs = await app.waitHealthy();
    const loadStarted = performance.now();
    const cpu0 = threadCpu(app.child.pid!);
    // The web thread's share of a core in each second of the load: how much of the host it got.
    const cpuPerSecond: number[] = [];
    let lastCpu = cpu0;
    const cpuTimer = setInterval(() => {
      const now = threadCpu(app!.child.pid!);
      if (now && lastCpu) cpuPerSecond.push(round(now.main - lastCpu.main, 2));
      lastCpu = now;
    }, 1_000);
    const samples = await load.done.finally(() => clearInterval(cpuTimer));
    const cpu1 = threadCpu(app.child.pid!);
    const loadWallS = (performance.now() - loadStarted) / 1000;

    const promptsSent = `select count(*) as n from outbox where status = 'sent' and dedupe_key like 'occ:%:checkin:%'`;
    const reviewsSent = `select count(*) as n from outbox where status = 'sent' and dedupe_key like 'occ:%:monthly_review:%'`;
    const reviewsQueued = `select count(*) as n from outbox where dedupe_key like 'occ:%:monthly_review:%'`;
    const count = (query: string) => rawNumber(store!, query);
    const deliveredAtEnd = await count(promptsSent);
    const reviewsAtEnd = await count(reviewsSent);
    // Work after the acks (views.open, confirmations) finishes before the figures are read; reviews
    // still being sent get a minute.
    await sleep(2_000);
    for (
      let waited = 0;
      opts.reviews &&
      waited < 60_000 &&
      ((await count(reviewsQueued)) === 0 || (await count(reviewsSent)) < (await count(reviewsQueued)));
      waited += 500
    )
      await sleep(500);
    const checkInsAfter = await rawNumber(store, 'select count(*) as n from check_ins');
    const lag = await loopLag(app.baseUrl);
    const platforms = await fakes.report();

    const byKind = (k: string) => samples.samples.filter((s) => s.kind.startsWith(k));
    const ms = (xs: readonly AckSample[]) => percentiles(xs.map((s) => s.ms));
    const all = ms(samples.samples);
    const submissions = samples.samples.filter(
      (s) => s.kind === 'slack.view_submission' || s.kind === 'teams.checkin.submit',
    );
    const result = {
      members: opts.members,
      ...(opts.reviews ? { reviewTeams: opts.teams } : { fanout: opts.fanout }),
      rate: opts.rate,
      teamsRate: opts.teamsRate,
      seconds: round(samples.seconds, 1),
      requests: samples.samples.length,
      p50Ms: all.p50,
      p99Ms: all.p99,
      maxMs: all.max,
      over3s: samples.samples.filter((s) => s.ms > 3_000).length,
      slack: ms(byKind('slack.')),
      teams: ms(byKind('teams.')),
      non200: samples.samples.filter((s) => s.status !== 200).length,
      refused: samples.samples.filter((s) => s.refused).length,
      ...(opts.reviews
        ? {
            reviewsQueued: await count(reviewsQueued),
            reviewsDelivered: await count(reviewsSent),
            reviewsDeliveredDuringLoad: reviewsAtEnd,
            chartUploads: platforms.slack.stats.chartUploads,
          }
        : { promptsDeliveredDuringLoad: deliveredAtEnd }),
      startupToHealthzMs: Math.round(startupMs),
      hostLoad: [loadBefore, round(loadavg()[0]!, 1)],
      // CPU the bot's threads got during the load, as a share of one core (Linux /proc): the web thread
      // saturated shows ~1; far below 1 with slow answers, the host gave it no more.
      ...(cpu0 && cpu1
        ? {
            webThreadCpuShare: round((cpu1.main - cpu0.main) / loadWallS, 2),
            otherThreadsCpuShare: round((cpu1.others - cpu0.others) / loadWallS, 2),
            webThreadCpuMsPerRequest: round(((cpu1.main - cpu0.main) * 1000) / samples.samples.length, 2),
          }
        : {}),
    };
    const details = {
      slackBlockActions: ms(byKind('slack.block_actions')),
      slackViewSubmissions: ms(byKind('slack.view_submission')),
      teamsCheckinSubmit: ms(byKind('teams.checkin.submit')),
      teamsGoalsShow: ms(byKind('teams.goals.show')),
      // Requests in plan order, so per second of the run: shows warm-up and when the loop fell behind.
      p99PerSecondMs: perSecond(samples.samples, opts.rate + opts.teamsRate),
      webThreadCpuPerSecond: cpuPerSecond,
      sendLatenessP99Ms: percentiles(samples.samples.map((s) => s.lateMs)).p99,
      ...lag,
      checkInsWritten: checkInsAfter - checkInsBefore,
      checkInSubmissionsSent: submissions.length,
      ...(opts.fanout === 'outbox' ? { promptsQueuedBeforeStart: queued } : {}),
      ...(opts.reviews ? { historyRows } : {}),
      ...platforms.slack.stats,
      botExitCode: await app.stop(),
    };
    return { result, details };
  } finally {
    await app?.stop();
    await store?.close();
    await fakes.stop();
    tmp.remove();
  }
}
