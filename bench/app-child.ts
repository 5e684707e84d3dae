// The bot as an operator runs it, for the benchmarks that measure answers from the first second: the
// compiled build (dist/main.js, built first when missing or older than src/, as `npm start` does) in a
// process of its own, on a world the benchmark prepared in a SQLite file (workspace synced, history
// written, answers planned) before the bot starts. `startChildApp` returns once the process is spawned;
// whoever measures polls /healthz (the ack load does, and starts on its first 200).
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD = pathToFileURL(fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))).href;

/** Compiles src/ to dist/ unless dist/ is up to date (so the start-up measured is the bot's, not the build's). */
export async function ensureBuilt(): Promise<void> {
  const { ensureBuilt: build } = (await import(BUILD)) as { ensureBuilt(): Promise<void> };
  await build();
}

/** A free TCP port on 127.0.0.1 (the child binds it; nothing else here races for it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Node options for the bot's process: with BENCH_CPU_PROF_DIR=dir, a V8 CPU profile of each of its threads,
 * written there when it stops (open them in Chrome DevTools).
 */
export function profileArgs(): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

export interface ChildApp {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** ms from spawn to this process's own first /healthz 200 (see waitHealthy). */
  waitHealthy(): Promise<number>;
  /** SIGTERM, then the exit code (the bot stops cleanly). */
  stop(): Promise<number | null>;
  /** What the bot wrote on stderr (errors). */
  stderr(): string;
}

export function startChildApp(env: Record<string, string>, port: number): ChildApp {
  const started = performance.now();
  const child = spawn(process.execPath, [...profileArgs(), 'dist/main.js'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    child,
    baseUrl,
    async waitHealthy() {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}:\n${err}`);
        const ok = await fetch(`${baseUrl}/healthz`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ok) return performance.now() - started;
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    stderr: () => err,
  };
}

/** CPU seconds (user + system) of a process's main thread and of all its other threads, from /proc (Linux). */
export function threadCpu(pid: number): { main: number; others: number } | undefined {
  try {
    let main = 0;
    let others = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
      if (Number(tid) === pid) main += seconds;
      else others += seconds;
    }
    return { main, others };
  } catch {
    return undefined;
  }
}
