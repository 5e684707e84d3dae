// A clean stop, as a supervisor does it: SIGTERM to the `npm start` process (started in a process group
// of its own, like a systemd unit or a container's PID 1) stops the bot: the port closes, npm exits 0 and
// no process of the group survives. SIGINT to `node dist/main.js` while a Slack send is in flight lets the
// send finish: exit 0, every outbox row settled, none left claimed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/cli.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { slashCommand } from '../../helpers/slack-payloads.js';
import { postSigned } from '../../helpers/slack-sign.js';
import { waitFor } from '../../helpers/wait-for.js';

const dir = mkdtempSync(join(tmpdir(), 'rituals-stop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  readonly child: ChildProcess;
  readonly port: number;
  readonly logs: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `command` as the leader of a new process group and waits for the bot's "listening" line. */
function startGroup(command: string, args: string[], env: Record<string, string>): Promise<Started> {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: '',
      MICROSOFT_APP_ID: '',
      TEAMS_ENABLED: '',
      RITUALS_CONFIG: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child.pid!);
      reject(new Error(`did not start in time:\n${out}`));
    }, 110_000);
    const onData = () => {
      const m = /"port":(\d+),"mode":"[a-z]+","msg":"listening/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ child, port: Number(m[1]), logs: () => out, exited });
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${out}`));
    });
  });
}

/** Live (non-zombie) processes of a process group. */
function groupMembers(pgid: number): string[] {
  const ps = spawnSync('ps', ['-e', '-o', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, group, stat]) => Number(group) === pgid && !stat?.startsWith('Z'))
    .map((cols) => `${cols[0]} ${cols.slice(3).join(' ')}`);
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('stopping the bot', () => {
  it('SIGTERM to `npm start`: the port closes, npm exits 0, no process of its group is left', async () => {
    const app = await startGroup('npm', ['start'], { SANDBOX_DATABASE_URL: `file:${join(dir, 'npm-start.db')}` });
    const pgid = app.child.pid!;
    try {
      expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
      // npm and the bot itself: `npm start` execs node, so no shell sits between them.
      const members = groupMembers(pgid);
      expect(members.some((m) => m.includes('scripts/start.mjs'))).toBe(true);
      expect(members.some((m) => /\bsh -c\b/.test(m))).toBe(false);

      process.kill(pgid, 'SIGTERM'); // npm only, as `systemctl stop` with KillMode=mixed or `docker stop` on PID 1
      expect(await app.exited).toEqual({ code: 0, signal: null });
      expect(app.logs()).toContain('"signal":"SIGTERM","msg":"shutting down"');
      expect(app.logs()).toContain('"msg":"stopped"');
      expect(await portAccepts(app.port)).toBe(false);
      // npm waits for its child, so once npm is gone the group must be empty.
      expect(groupMembers(pgid)).toEqual([]);
    } finally {
      killGroup(pgid);
    }
  }, 120_000);

  it('SIGINT to `node dist/main.js` with a Slack send in flight: the send finishes, exit 0, nothing left claimed', async () => {
    const secret = 'stop-test-signing-secret-0123';
    const slack = await new FakeSlackApi().start();
    const db = join(dir, 'platform.db');
    try {
      slack.addUser({ id: 'U0MAYA', locale: 'en-GB', tz: 'Europe/London' });
      slack.addUser({ id: 'U0SAM', locale: 'en-GB', tz: 'Europe/London' });
      slack.addChannel('C0SALES');
      const held = slack.hold('chat.postMessage');
      const app = await startGroup(process.execPath, ['dist/main.js'], {
        DATABASE_URL: `file:${db}`,
        RITUALS_CONFIG: join(repoRoot, 'test/fixtures/app/two-platforms.yaml'),
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.url,
      });
      const pgid = app.child.pid!;
      try {
        const run = await postSigned(
          `http://127.0.0.1:${app.port}`,
          slashCommand('U0MAYA', 'run checkin', slack.responseUrl('run')),
          { secret },
        );
        expect(run.status).toBe(200);
        // The prompt to Sam is claimed and on its way: Slack has it and has not answered.
        await waitFor(
          () => held.waiting(),
          (n) => n >= 1,
        );

        process.kill(pgid, 'SIGINT');
        await waitFor(
          () => app.logs(),
          (logs) => logs.includes('"signal":"SIGINT","msg":"shutting down"'),
        );
        held.release();
        expect(await app.exited).toEqual({ code: 0, signal: null });
        expect(await portAccepts(app.port)).toBe(false);
        expect(groupMembers(pgid)).toEqual([]);

        expect(slack.okCallsTo('chat.postMessage').length).toBeGreaterThanOrEqual(1);
        const sqlite = new Database(db, { readonly: true });
        try {
          const rows = sqlite.prepare('select status, count(*) as n from outbox group by status').all() as {
            status: string;
            n: number;
          }[];
          expect(rows.find((r) => r.status === 'sent')?.n ?? 0).toBeGreaterThanOrEqual(1);
          expect(rows.filter((r) => r.status === 'sending')).toEqual([]);
        } finally {
          sqlite.close();
        }
      } finally {
        killGroup(pgid);
      }
    } finally {
      await slack.close();
    }
  }, 120_000);
});
