// What a CLI command needs: the parsed environment, the validated workspace and an open, migrated store.
// Commands call `withContext` so the store is always closed and errors print as one line.
import 'dotenv/config';
import { type AppConfig, loadConfig } from '../config/env.js';
import { type LoadedWorkspace, loadWorkspace } from '../config/workspace-load.js';
import { openStore, type Store } from '../store/connection.js';

export interface CliContext {
  readonly config: AppConfig;
  readonly workspace: LoadedWorkspace;
  readonly store: Store;
}

export interface ContextOptions {
  /** Overrides RITUALS_CONFIG. */
  readonly configPath?: string;
  /** Overrides DATABASE_URL. */
  readonly databaseUrl?: string;
}

/** A failure to show the user as one line, with exit code 1 (or the given code). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function envConfig(): AppConfig {
  return loadConfig(process.env);
}

/** Opens everything, runs `fn`, closes the store; a CliError or any error becomes a one-line message. */
export async function withContext<T>(opts: ContextOptions, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = envConfig();
  const workspace = await loadWorkspace(opts.configPath ?? config.workspaceConfigPath);
  const store = await openStore(opts.databaseUrl ?? config.databaseUrl, { poolSize: config.databasePoolSize });
  try {
    return await fn({ config, workspace, store });
  } finally {
    await store.close();
  }
}

/** Like `withContext` without the workspace: for commands that only need the database (migrate, backup),
 * so they still work while the config file is broken. */
export async function withStore<T>(
  opts: Pick<ContextOptions, 'databaseUrl'>,
  fn: (ctx: { readonly config: AppConfig; readonly store: Store }) => Promise<T>,
): Promise<T> {
  const config = envConfig();
  const store = await openStore(opts.databaseUrl ?? config.databaseUrl, { poolSize: config.databasePoolSize });
  try {
    return await fn({ config, store });
  } finally {
    await store.close();
  }
}
