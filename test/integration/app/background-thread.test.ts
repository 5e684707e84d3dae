// Platform mode on a database file: the web thread answers while the background worker thread sends.
// A check-in fan-out runs in the worker and its sends hang on a slow Slack (the fake holds
// chat.postMessage); meanwhile a /rituals checkin opens the form and its submission is answered and
// stored by the web thread. Stopping then finishes the sends in flight and leaves no claimed row; a
// restart on the same file delivers the rest, and every member gets the prompt exactly once.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/env.js';
import { createLogger } from '../../../src/logging/logger.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { slashCommand, viewSubmission } from '../../helpers/slack-payloads.js';
import { postSigned } from '../../helpers/slack-sign.js';
import { type TempDir, tempDir } from '../../helpers/store.js';
import { waitFor } from '../../helpers/wait-for.js';

const SECRET = 'background-thread-signing-secret';
const METRICS_TOKEN = 'background-thread-metrics-token';
const MEMBERS = 12;
const userId = (i: number) => `U${String(i).padStart(4, '0')}`;

function workspaceYaml(): string {
  const members = Array.from(
    { length: MEMBERS },
    (_, k) => `      - { id: m${k + 1}, name: Member ${k + 1}, role: sdr, start: 2025-01-06, slack: ${userId(k + 1)} }`,
  );
  return [
    'workspace: { name: Thread Corp, locale: en, timezone: Europe/London }',
    'kpis:',
    '  calls: { label: { en: Calls, fr: Appels }, unit: count }',
    'roles:',
    '  sdr:',
    '    label: { en: SDR, fr: SDR }',
    '    checkin: [calls]',
    '    objectives:',
    '      - { kpi: calls, target: 100, per: month }',
    // Nothing fires on its own: the test starts the fan-out.
    'rituals:',
    "  checkin: { cron: '0 3 1 1 *' }",
    '  leaderboard: { enabled: false }',
    '  progress: { enabled: false }',
    '  breach_scan: { enabled: false }',
    '  monthly_review: { enabled: false }',
    '  qbr: { enabled: false }',
    'teams:',
    '  - id: sales',
    '    name: Sales',
    '    members:',
    ...members,
    '',
  ].join('\n');
}

describe('background worker thread', () => {
  let dir: TempDir;
  let fake: FakeSlackApi;
  let app: RunningApp | undefined;

  afterEach(async () => {
    await app?.stop();
    await fake?.close();
    dir?.remove();
  });

  /** The workspace file in a new folder, and a fake Slack that knows every member. */
  const prepareWorld = async () => {
    dir = tempDir('rituals-thread-');
    writeFileSync(dir.file('workspace.yaml'), workspaceYaml());
    fake = await new FakeSlackApi().start();
    for (let i = 1; i <= MEMBERS; i++) fake.addUser({ id: userId(i), locale: 'en-GB', tz: 'Europe/London' });
  };

  const start = async (extra: Record<string, string> = {}) => {
    const env = {
      ...extra,
      DATABASE_URL: `file:${dir.file('bot.db')}`,
      RITUALS_CONFIG: dir.file('workspace.yaml'),
      PORT: '0',
      HOST: '127.0.0.1',
      SANDBOX: 'off',
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.url,
      METRICS_TOKEN,
    };
    return startApp(loadConfig(env), createLogger('silent'));
  };

  const rows = (a: RunningApp, status: string) =>
    (
      rawSqlite(a.store)
        .prepare(`select count(*) as n from outbox where dedupe_key like 'occ:%' and status = ?`)
        .get(status) as { n: number }
    ).n;
  /** Prompts Slack received per DM channel (the check-in confirmation is no prompt). */
  const promptsPerUser = () => {
    const counts = new Map<string, number>();
    for (const c of fake.okCallsTo('chat.postMessage')) {
      if (!/check-in/i.test(JSON.stringify(c.args.blocks ?? c.args.text)) || /received/i.test(String(c.args.text)))
        continue;
      counts.set(String(c.args.channel), (counts.get(String(c.args.channel)) ?? 0) + 1);
    }
    return counts;
  };

  it('answers a check-in while the worker is stuck sending, stops without a claimed row, and delivers each prompt once', async () => {
    await prepareWorld();
    app = await start();
    expect(app.background.thread).toBe(true);
    const base = `http://127.0.0.1:${app.port}`;

    // The fan-out is built by the worker thread; its sends hang on the slow Slack.
    const slow = fake.hold('chat.postMessage');
    const run = await app.background.runNow('sales', 'checkin', new Date());
    expect(run.sent).toBe(MEMBERS);
    await waitFor(
      () => slow.waiting(),
      (n) => n > 0,
    );

    // Meanwhile the web thread answers: the command opens the form, the submission is stored.
    const command = await postSigned(base, slashCommand(userId(1), 'checkin', fake.responseUrl('cmd')), {
      secret: SECRET,
    });
    expect(command.status).toBe(200);
    const modal = await fake.waitFor(() => fake.modals[0]);
    const submitted = await postSigned(base, viewSubmission(userId(1), modal, { calls: '12' }), { secret: SECRET });
    expect(submitted.status).toBe(200);
    expect(submitted.text).toBe('');
    expect((rawSqlite(app.store).prepare('select count(*) as n from check_ins').get() as { n: number }).n).toBe(1);
    expect(slow.waiting()).toBeGreaterThan(0);

    // Stop while sends hang: the sends in flight finish once Slack answers; nothing stays claimed.
    const stopping = app.stop();
    slow.release();
    await stopping;
    const stopped = app;
    app = undefined;
    const { openStore } = await import('../../../src/store/connection.js');
    const after = await openStore(`file:${dir.file('bot.db')}`);
    try {
      const sending = rawSqlite(after).prepare(`select count(*) as n from outbox where status = 'sending'`).get() as {
        n: number;
      };
      expect(sending.n).toBe(0);
    } finally {
      await after.close();
    }
    expect(stopped.background.thread).toBe(true);

    // A restart on the same file sends what was left; every member got the prompt exactly once.
    app = await start();
    const restarted = app;
    await waitFor(
      () => rows(restarted, 'sent'),
      (n) => n === MEMBERS,
    );
    const perUser = promptsPerUser();
    expect(perUser.size).toBe(MEMBERS);
    expect([...perUser.values()].every((n) => n === 1)).toBe(true);
  });

  it("sends a check-in's confirmation and refreshed Home tab from the worker, after the answer", async () => {
    await prepareWorld();
    app = await start();
    expect(app.background.thread).toBe(true);
    const base = `http://127.0.0.1:${app.port}`;
    await postSigned(base, slashCommand(userId(2), 'checkin', fake.responseUrl('cmd-2')), { secret: SECRET });
    const modal = await fake.waitFor(() => fake.modals[0]);
    // A slow views.publish holds no answer: the web thread hands the follow-up over and answers at once.
    const slowHome = fake.hold('views.publish');
    const submitted = await postSigned(base, viewSubmission(userId(2), modal, { calls: '37' }), { secret: SECRET });
    expect(submitted.status).toBe(200);
    expect(submitted.text).toBe('');
    // The confirmation goes where the form came from (the command's response URL), with the figure typed.
    // The confirmation comes as a DM (a form opened by a command has no message to update), with the figure typed.
    const confirmation = await fake.waitFor(() =>
      fake.okCallsTo('chat.postMessage').find((c) => JSON.stringify(c.args).includes('37')),
    );
    expect(String(confirmation.args.channel)).toMatch(/^D/);
    await waitFor(
      () => slowHome.waiting(),
      (n) => n === 1,
    );
    slowHome.release();
    const home = await fake.waitFor(() => fake.homes.get(userId(2)));
    expect(JSON.stringify(home)).toContain('37');
  });

  it("counts the worker's sends on the web thread's /metrics", async () => {
    await prepareWorld();
    app = await start();
    const running = app;
    await running.background.runNow('sales', 'checkin', new Date());
    const sent = async () => {
      const res = await fetch(`http://127.0.0.1:${running.port}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      return Number(/^messages_sent_total\{platform="slack"\} (\d+)/m.exec(await res.text())?.[1] ?? 0);
    };
    expect(await waitFor(sent, (n) => n === MEMBERS)).toBe(MEMBERS);
  });

  it.runIf(process.platform === 'linux')(
    'runs the worker at a lower CPU priority than the thread that answers (BACKGROUND_NICE, default 10)',
    async () => {
      // This process's threads and their nice values (Linux: /proc/self/task/<tid>/stat, field 19).
      const niceByThread = () =>
        new Map(
          readdirSync('/proc/self/task').map((tid) => {
            const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
            return [tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])] as const;
          }),
        );
      const mine = getPriority();
      await prepareWorld();
      const before = niceByThread();
      app = await start();
      const started = [...niceByThread()].filter(([tid]) => !before.has(tid));
      expect(started.filter(([, nice]) => nice === Math.min(19, mine + 10))).toHaveLength(1);
      expect(getPriority()).toBe(mine);
      // The worker still does its work.
      expect((await app.background.runNow('sales', 'checkin', new Date())).sent).toBe(MEMBERS);
      await app.stop();
      app = undefined;

      const beforeZero = niceByThread();
      app = await start({ BACKGROUND_NICE: '0' });
      expect(app.background.thread).toBe(true);
      const startedZero = [...niceByThread()].filter(([tid]) => !beforeZero.has(tid));
      expect(startedZero.every(([, nice]) => nice === mine)).toBe(true);
    },
  );

  it('runs everything in one thread on an in-memory database', async () => {
    await prepareWorld();
    const env = {
      DATABASE_URL: ':memory:',
      RITUALS_CONFIG: dir.file('workspace.yaml'),
      PORT: '0',
      HOST: '127.0.0.1',
      SANDBOX: 'off',
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.url,
    };
    app = await startApp(loadConfig(env), createLogger('silent'));
    expect(app.background.thread).toBe(false);
    const run = await app.background.runNow('sales', 'checkin', new Date());
    expect(run.sent).toBe(MEMBERS);
  });
});
