// The package installed the way production installs it, and the Dockerfile's runtime stage in step with
// that. The built files (RUNTIME_FILES) are copied to an empty folder, `npm ci --omit=dev` installs the
// production dependencies there, and the compiled bot must then run with nothing else: `node dist/main.js`
// answers /healthz in sandbox and in platform mode, and the CLI checks a workspace and draws a chart. A
// package the running bot needs but declared as a dev dependency fails this test.
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/cli.js';

/** What the runtime image holds besides node_modules (the Dockerfile's runtime stage copies the same). */
const RUNTIME_FILES = [
  'package.json',
  'package-lock.json',
  'dist',
  'bin',
  'scripts/start.mjs',
  'migrations',
  'examples',
];
const INSTALL = ['ci', '--omit=dev', '--no-audit', '--no-fund'];
const START = ['node', 'dist/main.js'];

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  timeout = 60_000,
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, ...env }, timeout, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

// better-sqlite3 installs a prebuilt binary from its maintainers' releases, else compiles itself (minutes
// on these machines). This machine reaches only the npm registry, so the same prebuilt archive — the
// binary this checkout's install produced, same version, same Node ABI — is served from 127.0.0.1 through
// prebuild-install's documented mirror variable. Everything else comes from the registry as in production.
async function prebuiltMirror(dir: string): Promise<{ server: Server; env: Record<string, string> }> {
  const pkg = join(repoRoot, 'node_modules/better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const stage = join(dir, 'stage');
  mkdirSync(join(stage, 'build/Release'), { recursive: true });
  cpSync(join(pkg, 'build/Release/better_sqlite3.node'), join(stage, 'build/Release/better_sqlite3.node'));
  const archive = join(dir, name);
  expect((await run('tar', ['-czf', archive, '-C', stage, 'build'], dir)).code).toBe(0);
  const body = readFileSync(archive);
  const server = createServer((req, res) => {
    if (req.url === `/v${version}/${name}`) res.writeHead(200, { 'content-type': 'application/gzip' }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { server, env: { npm_config_better_sqlite3_binary_host: `http://127.0.0.1:${port}` } };
}

/** Starts the installed bot, waits for /healthz 200, stops it with SIGTERM; resolves with the health body and exit code. */
function startAndCheck(
  cwd: string,
  env: Record<string, string>,
): Promise<{ health: unknown; page: number; code: number | null; logs: string }> {
  const clean = {
    SLACK_BOT_TOKEN: '',
    MICROSOFT_APP_ID: '',
    TEAMS_ENABLED: '',
    RITUALS_CONFIG: '',
    DATABASE_URL: '',
    SANDBOX_DATABASE_URL: '',
    METRICS_TOKEN: '',
    METRICS_PORT: '',
    NODE_OPTIONS: '',
  };
  const child = spawn(START[0]!, START.slice(1), {
    cwd,
    env: { ...process.env, ...clean, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`did not start:\n${out}`))), 60_000);
    let listening = false;
    void exited.then((code) => {
      clearTimeout(timer);
      if (!listening) reject(new Error(`exited with ${code} before listening:\n${out}`));
    });
    const onData = async () => {
      const m = /"port":(\d+),"mode":"[a-z]+","msg":"listening/.exec(out);
      if (!m || listening) return;
      listening = true;
      child.stdout.off('data', onData);
      clearTimeout(timer);
      const base = `http://127.0.0.1:${m[1]}`;
      const res = await fetch(`${base}/healthz`);
      const health = res.status === 200 ? await res.json() : { status: res.status };
      const page = (await fetch(`${base}/`)).status;
      child.kill('SIGTERM');
      resolve({ health, page, code: await exited, logs: out });
    };
    child.stdout.on('data', onData);
  });
}

describe('the production install', { timeout: 240_000 }, () => {
  let dir: string;
  let app: string;
  let mirror: Server | undefined;
  let install: Run;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rituals-prod-'));
    app = join(dir, 'app');
    // dist/ as `npm start` would build it (normally already built by the tests' global setup).
    expect((await run(process.execPath, ['scripts/build.mjs', '--if-stale'], repoRoot, {}, 180_000)).code).toBe(0);
    for (const file of RUNTIME_FILES) {
      mkdirSync(dirname(join(app, file)), { recursive: true });
      cpSync(join(repoRoot, file), join(app, file), { recursive: true });
    }
    const served = await prebuiltMirror(join(dir, 'mirror'));
    mirror = served.server;
    install = await run(
      'npm',
      [...INSTALL, '--prefer-offline'],
      app,
      { ...served.env, NODE_ENV: 'production' },
      200_000,
    );
  }, 240_000);

  afterAll(() => {
    mirror?.closeAllConnections();
    mirror?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('installs the production dependencies only', () => {
    expect(install.code, install.stderr).toBe(0);
    for (const dev of ['tsx', 'typescript', 'vitest', 'drizzle-kit', 'ajv'])
      expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(app, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    expect(existsSync(join(app, 'src'))).toBe(false);
  });

  it('runs the sandbox with no credentials: /healthz 200, the page, a clean stop', async () => {
    const r = await startAndCheck(app, {});
    expect(r.health).toEqual({ status: 'ok', mode: 'sandbox', store: 'ok', platforms: [] });
    expect(r.page).toBe(200);
    expect(r.code).toBe(0);
    expect(existsSync(join(app, 'data/sandbox.db'))).toBe(true);
  });

  it('runs in platform mode (Teams, local development): /healthz 200 and a clean stop', async () => {
    const r = await startAndCheck(app, { TEAMS_ENABLED: 'true', DATABASE_URL: `file:${join(dir, 'platform.db')}` });
    expect(r.health).toMatchObject({ status: 'ok', mode: 'platform', store: 'ok' });
    expect(r.code).toBe(0);
  });

  it('runs the compiled command line: a config check and a chart', async () => {
    const env = { LOG_LEVEL: 'silent', DATABASE_URL: `file:${join(dir, 'cli.db')}`, RITUALS_CONFIG: '' };
    const check = await run(
      process.execPath,
      ['bin/rituals.js', 'config', 'check', 'examples/sales-team.yaml'],
      app,
      env,
    );
    expect(check).toMatchObject({ code: 0, stderr: '' });
    expect(check.stdout).toContain('examples/sales-team.yaml: ok');
    const png = join(dir, 'burnup.png');
    const chart = await run(
      process.execPath,
      [
        'bin/rituals.js',
        'chart',
        '--team',
        'sales-fr',
        '--period',
        '2026-Q4',
        '--out',
        png,
        '--at',
        '2026-11-18T12:00',
      ],
      app,
      env,
    );
    expect(chart).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(png).subarray(1, 4).toString('ascii')).toBe('PNG');
  });
});

describe('the Dockerfile', () => {
  const text = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of lines) {
    const from = /^FROM\s+\S+\s+AS\s+(\S+)/i.exec(line);
    if (from) {
      current = [];
      stages.set(from[1]!, current);
    } else current.push(line);
  }
  const runtime = stages.get('runtime') ?? [];
  const build = stages.get('build') ?? [];

  it('builds with the dev dependencies, then the runtime stage installs as the production-install test does', () => {
    expect(build.some((l) => /^RUN\b.*\bnpm ci\b/.test(l) && !l.includes('--omit=dev'))).toBe(true);
    expect(build.some((l) => /^RUN\b.*\bnpm run build\b/.test(l))).toBe(true);
    expect(runtime.some((l) => l.startsWith('RUN') && l.includes(`npm ${INSTALL.join(' ')}`))).toBe(true);
  });

  it('copies into the runtime stage exactly the files the test installs from', () => {
    const copied = runtime
      .filter((l) => l.startsWith('COPY'))
      .flatMap((l) => {
        const parts = l
          .split(/\s+/)
          .slice(1)
          .filter((p) => !p.startsWith('--'));
        return parts.slice(0, -1).map((p) =>
          p
            .replace(/^\/app\//, '')
            .replace(/^\.\//, '')
            .replace(/\/$/, ''),
        );
      });
    expect([...copied].sort()).toEqual([...RUNTIME_FILES].sort());
    expect(runtime.some((l) => /^COPY\s+--from=build\s+\/app\/dist\b/.test(l))).toBe(true);
  });

  it('runs the same command, in exec form, as a non-root user, with a health check and a data volume', () => {
    const cmd = runtime.filter((l) => l.startsWith('CMD')).at(-1);
    expect(JSON.parse(cmd!.slice(3).trim())).toEqual(START);
    const user = runtime.filter((l) => l.startsWith('USER')).at(-1);
    expect(user).toBeDefined();
    expect(user!.split(/\s+/)[1]).not.toMatch(/^(root|0)$/);
    expect(runtime.find((l) => l.startsWith('HEALTHCHECK'))).toContain('/healthz');
    expect(runtime.find((l) => l.startsWith('VOLUME'))).toContain('/app/data');
    expect(runtime.find((l) => l.startsWith('STOPSIGNAL'))).toBe('STOPSIGNAL SIGTERM');
  });

  it('keeps secrets and local state out of the build context', () => {
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['.env', 'node_modules', 'dist', 'data', '.git']) expect(ignored).toContain(entry);
  });
});
