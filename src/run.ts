// Runs the bot: environment -> logger -> app; clean shutdown on SIGTERM / SIGINT.
// A bad environment or workspace config prints its problems and exits 1, never a stack trace.
import 'dotenv/config';
import { EnvConfigError, loadConfig } from './config/env.js';
import { WorkspaceConfigError } from './config/workspace-load.js';
import { startApp } from './app.js';
import { createLogger } from './logging/logger.js';

export async function run(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof EnvConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  // A bug in one handler must not take the bot down for everyone: log it and keep serving.
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason instanceof Error ? { name: reason.name, message: reason.message, stack: reason.stack } : String(reason) }, 'unhandled rejection');
  });
  try {
    const app = await startApp(config, log);
    const shutdown = (signal: string) => {
      log.info({ signal }, 'shutting down');
      app.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  } catch (err) {
    if (err instanceof WorkspaceConfigError) {
      process.stderr.write(`Invalid workspace config:\n${err.message}\n`);
    } else {
      log.fatal({ err: err instanceof Error ? { name: err.name, message: err.message } : String(err) }, 'failed to start');
    }
    process.exit(1);
  }
}

