// What the end-to-end benchmarks share: a generated workspace (Slack teams and a Teams team, every
// member answering a two-KPI check-in), written to a temp folder with a temp SQLite file, and the real
// app composed in this process by startApp() from a loadConfig()-built config whose Slack Web API and
// Teams Bot Connector are local fakes (fanout-e2e; the ack benchmarks start the compiled bot in a process
// of its own, see app-child.ts). Scheduled rituals are pushed out of the way (the check-in fires once a
// year at 03:00, the others are off) unless a benchmark gives the Slack teams a schedule of their own.
import { writeFileSync } from 'node:fs';
import { type RunningApp, startApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { createLogger } from '../src/logging/logger.js';
import {
  BOT_TOKEN,
  SIGNING_SECRET,
  slackChannelId,
  slackMemberId,
  slackTeamId,
  slackUserId,
  TEAMS_TEAM,
  teamsAad,
  teamsMemberId,
  type WorldShape,
} from './e2e-ids.js';
import { tempDbDir } from './temp-db.js';

export * from './e2e-ids.js';

/** Team-level schedules of the Slack teams (the Teams team keeps the workspace's, which never fire). */
export interface WorldRituals {
  /** e.g. the minute before the app starts: its start-up tick catches the fire up (the engine's fan-out). */
  readonly checkinCron?: string;
  readonly monthlyReviewCron?: string;
}

export function worldYaml(shape: WorldShape, rituals: WorldRituals = {}): string {
  const lines = [
    'workspace: { name: Bench Corp, locale: en, timezone: Europe/Paris }',
    'kpis:',
    '  calls: { label: { en: Calls, fr: Appels }, unit: count }',
    '  qualified_meetings: { label: { en: Qualified meetings, fr: Rendez-vous qualifiés }, unit: count }',
    'roles:',
    '  sdr:',
    '    label: { en: SDR, fr: SDR }',
    '    checkin: [calls, qualified_meetings]',
    '    objectives:',
    '      - { kpi: qualified_meetings, target: 35, per: month }',
    // Nothing fires on its own while a benchmark runs: it starts the fan-out itself.
    'rituals:',
    "  checkin: { cron: '0 3 1 1 *' }",
    '  leaderboard: { enabled: false }',
    '  progress: { enabled: false }',
    '  breach_scan: { enabled: false }',
    '  monthly_review: { enabled: false }',
    '  qbr: { enabled: false }',
    'teams:',
  ];
  const perTeam = Math.ceil(shape.slackMembers / shape.slackTeams);
  for (let k = 1; k <= shape.slackTeams; k++) {
    const ids = Array.from({ length: perTeam }, (_, j) => (k - 1) * perTeam + j + 1).filter(
      (i) => i <= shape.slackMembers,
    );
    if (ids.length === 0) break;
    lines.push(
      `  - id: ${slackTeamId(k)}`,
      `    name: Slack Team ${k}`,
      `    channels: { slack: ${slackChannelId(k)} }`,
    );
    // A review goes to the team's channel and its managers.
    if (rituals.monthlyReviewCron) lines.push(`    managers: [${slackMemberId(ids[0]!)}]`);
    const own = [
      ...(rituals.checkinCron ? [`checkin: { cron: '${rituals.checkinCron}' }`] : []),
      ...(rituals.monthlyReviewCron ? [`monthly_review: { cron: '${rituals.monthlyReviewCron}', enabled: true }`] : []),
    ];
    if (own.length > 0) lines.push(`    rituals: { ${own.join(', ')} }`);
    lines.push('    members:');
    for (const i of ids)
      lines.push(
        `      - { id: ${slackMemberId(i)}, name: Slack Member ${i}, role: sdr, start: 2025-01-06, slack: ${slackUserId(i)} }`,
      );
  }
  if (shape.teamsMembers > 0) {
    lines.push(`  - id: ${TEAMS_TEAM}`, '    name: Teams Team', '    members:');
    for (let i = 1; i <= shape.teamsMembers; i++) {
      lines.push(
        `      - { id: ${teamsMemberId(i)}, name: Teams Member ${i}, role: sdr, start: 2025-01-06, teams: ${teamsAad(i)} }`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export interface BenchApp {
  readonly app: RunningApp;
  readonly baseUrl: string;
  /** Stops the app and removes the temp folder. */
  close(): Promise<void>;
}

/** Writes the workspace and starts the real app against the fakes (Slack HTTP mode, Teams local development). */
export async function startBenchApp(opts: {
  readonly shape: WorldShape;
  readonly slackApiUrl?: string;
  readonly teams: boolean;
  readonly logLevel?: string;
}): Promise<BenchApp> {
  const tmp = tempDbDir('rituals-bench-e2e-');
  const configPath = tmp.file('workspace.yaml');
  writeFileSync(configPath, worldYaml(opts.shape));
  const env: Record<string, string> = {
    DATABASE_URL: `file:${tmp.file('bench.db')}`,
    RITUALS_CONFIG: configPath,
    PORT: '0',
    HOST: '127.0.0.1',
    SANDBOX: 'off',
    LOG_LEVEL: opts.logLevel ?? 'error',
  };
  if (opts.slackApiUrl)
    Object.assign(env, {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: opts.slackApiUrl,
    });
  if (opts.teams) env.TEAMS_ENABLED = 'true';
  const config = loadConfig(env);
  const app = await startApp(config, createLogger(config.logLevel, process.stderr));
  return {
    app,
    baseUrl: `http://127.0.0.1:${app.port}`,
    async close() {
      await app.stop();
      tmp.remove();
    },
  };
}

/** Samples the process's RSS every 50 ms; `peakMb()` is the highest seen. */
export function rssSampler(): { peakMb(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    peakMb: () => Math.round((Math.max(peak, process.memoryUsage().rss) / 1024 / 1024) * 10) / 10,
    stop: () => clearInterval(timer),
  };
}

/**
 * How long the event loop went without running a timer: a 10 ms interval records the gaps between its
 * ticks. (perf_hooks' monitorEventLoopDelay under-reports a long block: it samples from the loop it measures.)
 */
export function loopStallSampler(): { maxMs(): number; p99Ms(): number; stop(): void } {
  // Gaps beyond the interval, in ms (0 when every tick came on time).
  const gaps: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last - 10);
    last = now;
  }, 10);
  const sorted = () => [...gaps].sort((a, b) => a - b);
  return {
    maxMs: () => round(Math.max(0, ...gaps), 1),
    p99Ms: () => {
      const s = sorted();
      return s.length === 0 ? 0 : round(Math.max(0, s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)]!), 1);
    },
    stop: () => {
      clearInterval(timer);
      gaps.push(performance.now() - last - 10);
    },
  };
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
