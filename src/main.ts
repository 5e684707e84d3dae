// Entry point of the bot (`node dist/main.js`, `npm start`, `rituals start`, the container): environment ->
// logger -> app; clean shutdown on SIGTERM / SIGINT (exit 0), bounded in time. A bad environment or
// workspace config prints its problems and exits 1, never a stack trace. Importing it starts the bot.
import 'dotenv/config';
import { type AppConfig, EnvConfigError, loadConfig } from './config/env.js';
import { workspaceCacheDir } from './config/workspace-cache.js';
import { loadWorkspaceInThread } from './config/workspace-load-thread.js';
import { WorkspaceConfigError } from './config/workspace-problems.js';
import { createLogger } from './logging/logger.js';

/**
 * How long a stop may take before the process exits anyway (with code 1). The parts are bounded too: the
 * outbox waits 5 s at most for sends in flight (then releases their rows), the HTTP server 2 s for requests.
 */
const STOP_DEADLINE_MS = 9_000;

async function run(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof EnvConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // The workspace file is parsed in a thread of its own while this one loads the app's modules, and
  // kept parsed next to the SQLite database for the next start (config/workspace-cache.ts).
  const workspace = loadWorkspaceInThread(config.workspaceConfigPath, workspaceCacheDir(config));
  workspace.catch(() => undefined); // observed by startApp below; never an unhandled rejection meanwhile
  const { startApp } = await import('./app.js');
  const log = createLogger(config.logLevel);
  // A bug in one handler must not take the bot down for everyone: log it and keep serving.
  process.on('unhandledRejection', (reason) => {
    log.error(
      {
        err:
          reason instanceof Error
            ? { name: reason.name, message: reason.message, stack: reason.stack }
            : String(reason),
      },
      'unhandled rejection',
    );
  });
  // The handlers are in place before the start: a stop asked for while starting waits for the start
  // to finish, then stops (instead of the default action killing the process half-way).
  const starting = startApp(config, log, { workspace });
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    // Supervisors wait about 10 s (systemd's TimeoutStopSec, `docker stop`) before SIGKILL: give up
    // first and say so. Rows whose send was cut are claimed again once their lease ends.
    setTimeout(() => {
      log.error({ signal, afterMs: STOP_DEADLINE_MS }, 'stop did not finish in time: exiting with work in flight');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    starting
      .then((app) => app.stop())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log.error(
            { err: err instanceof Error ? { name: err.name, message: err.message } : String(err) },
            'stop failed',
          );
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  try {
    await starting;
  } catch (err) {
    if (err instanceof WorkspaceConfigError) {
      process.stderr.write(`Invalid workspace config:\n${err.message}\n`);
    } else {
      log.fatal(
        { err: err instanceof Error ? { name: err.name, message: err.message } : String(err) },
        'failed to start',
      );
    }
    process.exit(1);
  }
}

await run();
