// Starts the bot as a real child process (as `npm start` does) and waits for its "listening" log line.
import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot } from './cli.js';

export interface AppProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly logs: () => string;
  readonly exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** How the bot runs: from source (tsx, the default) or compiled (`node dist/main.js`, as `npm start` does). */
const entryArgs = (compiled: boolean) => (compiled ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts']);

export function startAppProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
  opts: { compiled?: boolean } = {},
): Promise<AppProcess> {
  const child = spawn(process.execPath, entryArgs(opts.compiled ?? false), {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`app did not start in time:\n${out}`));
    }, timeoutMs);
    const onData = () => {
      const m = /"port":(\d+),"mode":"[a-z]+","msg":"listening/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        child,
        port: Number(m[1]),
        logs: () => out,
        exited,
        stop: async (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before listening:\n${out}`));
    });
  });
}

/** Runs the app expecting it to fail at start; resolves with its exit code and output. */
export function startAppExpectingFailure(
  env: Record<string, string>,
  opts: { compiled?: boolean } = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, entryArgs(opts.compiled ?? false), {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output: out });
    }),
  );
}
