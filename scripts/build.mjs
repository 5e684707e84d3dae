// The build: compiles src/ to dist/ with the TypeScript compiler (tsconfig.build.json), then copies every
// file of src/ that is not TypeScript (the sandbox page's static files) to the same place under dist/, so
// the compiled code finds them next to itself as the sources do. Plain JavaScript: it runs before any build.
//   node scripts/build.mjs              builds (this is `npm run build`)
//   node scripts/build.mjs --if-stale   builds only when dist/ is missing or older than src/
// `ensureBuilt()` is what `npm start` and `bin/rituals.js` call in a source checkout: it builds only when
// dist/ is missing or older than src/, and holds a lock so that two commands started together build once.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
// Written last, with the time the build started: a source saved during a build makes the next check rebuild.
const STAMP = join(DIST, '.build-stamp');
const LOCK = join(DIST, '.build-lock');
// Besides src/, what changes the output.
const INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'].map((f) => join(ROOT, f));

export class BuildError extends Error {}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

function newestInput() {
  let newest = 0;
  for (const path of [...files(SRC), ...INPUTS.filter((f) => existsSync(f))])
    newest = Math.max(newest, statSync(path).mtimeMs);
  return newest;
}

/** True when dist/ holds a complete build at least as new as every source. */
export function isFresh() {
  if (!existsSync(STAMP) || !existsSync(join(DIST, 'main.js'))) return false;
  return statSync(STAMP).mtimeMs >= newestInput();
}

function tscPath() {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  } catch {
    return undefined;
  }
}

// The compiler runs in a process group of its own (its launcher starts the native binary as a second
// process): a SIGTERM or SIGINT during the build kills both, and this process exits 0 like a bot stop.
// SIGKILL, since the native compiler was seen to outlive a SIGTERM; it has nothing to clean up, and a
// half-written dist/ keeps its old stamp, so the next start builds again.
function compile(tsc) {
  return new Promise((resolve, reject) => {
    // Its report goes to stderr: stdout belongs to the bot's JSON log lines under `npm start`.
    const child = spawn(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
      cwd: ROOT,
      stdio: ['ignore', 2, 2],
      detached: true,
    });
    let stoppedBy;
    const stop = (signal) => {
      stoppedBy = signal;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve({ code, signal, stoppedBy });
    });
  });
}

export class BuildStopped extends Error {}

/** Compiles and copies the assets; throws BuildError when the compiler reports an error. */
export async function build() {
  const started = new Date();
  const tsc = tscPath();
  if (!tsc)
    throw new BuildError(
      'the TypeScript compiler is not installed: run `npm ci` (with the dev dependencies), then `npm run build`',
    );
  const r = await compile(tsc);
  if (r.stoppedBy) throw new BuildStopped(`build stopped by ${r.stoppedBy}`);
  if (r.code !== 0)
    throw new BuildError(`the TypeScript compiler failed (exit ${r.code ?? r.signal}): nothing was written to dist/`);
  for (const path of files(SRC)) {
    if (path.endsWith('.ts')) continue;
    const target = join(DIST, relative(SRC, path));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(path, target);
  }
  writeFileSync(STAMP, `${started.toISOString()}\n`);
  utimesSync(STAMP, started, started);
}

/** Runs `fn` (ensureBuilt, build) and turns its failure into a message and an exit code. */
export async function orExit(fn, prefix) {
  try {
    await fn();
  } catch (err) {
    if (err instanceof BuildStopped) process.exit(0);
    process.stderr.write(`${prefix}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The lock is a directory (mkdir is atomic) holding the builder's pid; a lock whose process is gone is
// taken over, so a build killed half-way never blocks the next start.
function lockIsStale() {
  try {
    process.kill(Number(readFileSync(join(LOCK, 'pid'), 'utf8')), 0);
    return false;
  } catch (err) {
    if (err.code === 'EPERM') return false;
    if (err.code === 'ESRCH') return true;
    // No pid yet: the holder has just made the directory, unless that was long ago.
    try {
      return Date.now() - statSync(LOCK).mtimeMs > 30_000;
    } catch {
      return false;
    }
  }
}

async function withLock(fn) {
  mkdirSync(DIST, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    if (lockIsStale()) rmSync(LOCK, { recursive: true, force: true });
    else await sleep(200);
  }
  try {
    writeFileSync(join(LOCK, 'pid'), String(process.pid));
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds when dist/ is missing or older than src/. Without the compiler (a production install of a
 * source checkout) an existing build is used as it is, with a warning; none at all is a BuildError.
 */
export async function ensureBuilt() {
  if (isFresh()) return;
  await withLock(async () => {
    if (isFresh()) return;
    if (!tscPath() && existsSync(join(DIST, 'main.js'))) {
      process.stderr.write(
        'dist/ is older than src/ and the TypeScript compiler is not installed: running the existing build\n',
      );
      return;
    }
    process.stderr.write(
      existsSync(STAMP) ? 'src/ changed since the last build: building dist/\n' : 'no build yet: building dist/\n',
    );
    await build();
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await orExit(process.argv.includes('--if-stale') ? ensureBuilt : () => withLock(build), 'build');
}
