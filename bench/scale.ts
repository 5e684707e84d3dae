// `npm run bench -- scale [--members N] [--db postgres://…]`: for workspaces of 100, 1,000 and 10,000 members (or N), with
// two years of weekly check-ins on 8 KPIs and daily imported results in a temp SQLite file, times one
// team's monthly report (with --db: copied to that PostgreSQL database and measured there), every team's leaderboard, one App Home ("my goals"), one stand-up and the
// scheduler tick at the Friday check-in fire; with the database size and the peak RSS of the measuring
// process. `npm run bench -- startup [--members N]`: cold start of the compiled bot (`dist/main.js`, as
// `npm start` runs it; built first when missing or stale) on the 1,000-member database until GET /healthz
// answers 200. Each size prints one JSON line on stdout and a table on stderr.
import { fork, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { copySqliteToPostgres } from '../src/store/copy-to-postgres.js';
import { ensureBuilt, profileArgs } from './app-child.js';
import { prepareBenchDatabase } from './bench-db.js';
import { printTable } from './print.js';
import { tempDbDir } from './temp-db.js';

const CHILD = fileURLToPath(new URL('./scale-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES = [100, 1000, 10_000];

function runChild(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, args, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      cwd: ROOT,
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`scale-child ${args[0]} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>);
    });
  });
}

function options(argv: string[]): { members: number | undefined; db: string | undefined } {
  const { values } = parseArgs({
    args: argv,
    options: { members: { type: 'string' }, db: { type: 'string' } },
    strict: true,
  });
  if (values.members === undefined) return { members: undefined, db: values.db };
  const n = Number(values.members);
  if (!Number.isInteger(n) || n < 2)
    throw new Error(`--members must be a whole number of at least 2, got ${values.members}`);
  return { members: n, db: values.db };
}

const membersOption = (argv: string[]) => options(argv).members;

async function scale(argv: string[]): Promise<void> {
  const { members: n, db } = options(argv);
  const rows: Record<string, unknown>[] = [];
  for (const members of n ? [n] : SIZES) {
    const tmp = tempDbDir('rituals-bench-scale-');
    try {
      const generated = await runChild(['generate', tmp.dir, String(members)]);
      // The build is not the start-up: compiled before the first run.
      await ensureBuilt();
      // On PostgreSQL: the same generated database, moved up with `rituals copy`'s code, then measured there.
      if (db) {
        await prepareBenchDatabase(db);
        await copySqliteToPostgres(join(tmp.dir, 'scale.db'), db);
      }
      const measured = await runChild(['measure', tmp.dir, String(members), ...(db ? [db] : [])]);
      const line = {
        bench: 'scale',
        ...measured,
        metricValues: generated.metricValues,
        generateSeconds: generated.generateSeconds,
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
      printTable(`scale: ${members} members`, line);
      rows.push(line);
    } finally {
      tmp.remove();
    }
  }
  if (rows.length > 1) printSummary(rows);
}

function printSummary(rows: readonly Record<string, unknown>[]): void {
  const cols = [
    'members',
    'teams',
    'teamReportMs',
    'leaderboardsMs',
    'appHomeMs',
    'standupMs',
    'tickMs',
    'dbMb',
    'peakRssMb',
  ];
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c]).length));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(width(cols[i]!))).join('  ');
  process.stderr.write(`${[line(cols), ...rows.map((r) => line(cols.map((c) => String(r[c]))))].join('\n')}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Spawns the bot and returns the milliseconds until /healthz answers 200. */
async function startOnce(dir: string): Promise<number> {
  const port = await freePort();
  const db = `file:${join(dir, 'scale.db')}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [...profileArgs(), 'dist/main.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db,
      SANDBOX_DATABASE_URL: db,
      RITUALS_CONFIG: join(dir, 'scale.yaml'),
      SANDBOX: 'off',
      LOG_LEVEL: 'warn',
    },
  });
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  try {
    for (;;) {
      if (exited !== null) throw new Error(`the bot exited with ${exited} before /healthz was green`);
      if (performance.now() - t0 > 120_000) throw new Error('no green /healthz within 120 s');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - t0;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    if (exited === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
  }
}

async function startup(argv: string[]): Promise<void> {
  const members = membersOption(argv) ?? 1000;
  const tmp = tempDbDir('rituals-bench-startup-');
  try {
    const generated = await runChild(['generate', tmp.dir, String(members)]);
    // The build is not the start-up, and the start measured is that of the sources as they are now.
    await ensureBuilt();
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push(Math.round(await startOnce(tmp.dir)));
    const sorted = [...runs].sort((a, b) => a - b);
    const line = {
      bench: 'startup',
      members,
      teams: generated.teams,
      metricValues: generated.metricValues,
      firstMs: runs[0],
      medianMs: sorted[1],
      runsMs: runs,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    printTable('startup: spawn to green /healthz', line);
  } finally {
    tmp.remove();
  }
}

/** Entry from bench/index.ts. */
export async function runScaleBench(name: 'scale' | 'startup', argv: string[]): Promise<void> {
  await (name === 'scale' ? scale(argv) : startup(argv));
}
