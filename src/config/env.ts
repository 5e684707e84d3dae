// Environment configuration: every variable the process reads, parsed once with zod into a typed,
// frozen object. `loadConfig(env)` is the only reader of the environment; errors name the variable.
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (what: string) =>
  optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: `must be an http(s) URL (${what})`,
  });

const prefixed = (prefix: string) =>
  optionalString.refine((v) => v === undefined || v.startsWith(prefix), {
    message: `must start with "${prefix}"`,
  });

// DATABASE_URL: a SQLite file (a path, file:PATH, :memory:) or a postgres:// URL (the PostgreSQL backend).
// Any other scheme is refused here, at start, naming the variable; the message never repeats the URL, which
// may carry a password. The sandbox resets its database at will, so it stays on SQLite.
const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const FILE_URL = /^file:/i;
const databaseUrl = optionalString.refine(
  (v) => v === undefined || POSTGRES_URL.test(v) || FILE_URL.test(v) || !OTHER_SCHEME.test(v),
  {
    message: 'must be a postgres:// URL or a SQLite database (a file path, file:PATH or :memory:)',
  },
);
const sandboxDatabaseUrl = optionalString
  .refine((v) => v === undefined || !POSTGRES_URL.test(v), {
    message:
      'is a PostgreSQL URL, but the sandbox resets its database at will: use a SQLite database (a file path, file:PATH or :memory:)',
  })
  .refine((v) => v === undefined || POSTGRES_URL.test(v) || FILE_URL.test(v) || !OTHER_SCHEME.test(v), {
    message: 'must be a SQLite database (a file path, file:PATH or :memory:)',
  });

/** An optional whole number in [min, max] (a blank value counts as unset). */
const wholeNumber = (min: number, max: number) =>
  optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`)
      .optional(),
  );

// PostgreSQL connections each thread keeps open at most (one pool each for the web and background threads).
const poolSize = wholeNumber(1, 1000);
// How far below the answering thread the background thread runs (a Linux nice value added to the process's).
const niceness = wholeNumber(0, 19);
const portNumber = wholeNumber(0, 65535);

const envSchema = z
  .object({
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: poolSize,
    BACKGROUND_NICE: niceness,
    RITUALS_CONFIG: optionalString,
    PORT: portNumber,
    HOST: optionalString,
    LOG_LEVEL: optionalString.pipe(
      z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
    ),
    PUBLIC_URL: url('the public base URL of this bot'),
    SANDBOX: optionalString.pipe(z.enum(['auto', 'on', 'off'], { message: 'must be auto, on or off' }).optional()),
    SANDBOX_DATABASE_URL: sandboxDatabaseUrl,
    SLACK_BOT_TOKEN: prefixed('xoxb-'),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: prefixed('xapp-'),
    SLACK_API_URL: url('base URL of the Slack Web API'),
    SLACK_CLIENT_ID: optionalString,
    SLACK_CLIENT_SECRET: optionalString,
    SLACK_STATE_SECRET: optionalString,
    MICROSOFT_APP_ID: optionalString,
    MICROSOFT_APP_PASSWORD: optionalString,
    MICROSOFT_APP_TYPE: optionalString.pipe(
      z.enum(APP_TYPES, { message: `must be one of ${APP_TYPES.join(', ')}` }).optional(),
    ),
    MICROSOFT_APP_TENANT_ID: optionalString,
    TEAMS_ENABLED: optionalString.pipe(z.enum(['true', 'false'], { message: 'must be true or false' }).optional()),
    // HMAC key of chart image links (Teams cards); random per process when unset, so links die on restart.
    CHART_URL_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
      message: 'must be at least 32 characters',
    }),
    // GET /metrics: a bearer token, and/or a listener of its own (see src/http/metrics-endpoint.ts).
    METRICS_TOKEN: optionalString.refine((v) => v === undefined || (v.length >= 16 && !/\s/.test(v)), {
      message: 'must be at least 16 characters, without spaces',
    }),
    METRICS_PORT: portNumber,
    METRICS_HOST: optionalString,
  })
  .superRefine((e, ctx) => {
    const need = (name: keyof typeof e, why: string) => {
      if (!e[name]) ctx.addIssue({ code: 'custom', path: [name], message: `is required ${why}` });
    };
    if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN)
      need('SLACK_SIGNING_SECRET', 'when SLACK_BOT_TOKEN is set (HTTP mode)');
    if (e.SLACK_APP_TOKEN) need('SLACK_BOT_TOKEN', 'when SLACK_APP_TOKEN is set (Socket Mode)');
    const oauth = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET].filter(Boolean).length;
    if (oauth > 0 && oauth < 3) {
      need('SLACK_CLIENT_ID', 'with SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (multi-workspace install)');
      need('SLACK_CLIENT_SECRET', 'with SLACK_CLIENT_ID and SLACK_STATE_SECRET (multi-workspace install)');
      need('SLACK_STATE_SECRET', 'with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (multi-workspace install)');
    }
    if (oauth === 3) need('SLACK_SIGNING_SECRET', 'for the multi-workspace install');
    // Installs come back to /slack/oauth_redirect and requests to /slack/events: HTTP mode only.
    if (oauth === 3 && e.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_APP_TOKEN'],
        message: 'cannot be used with the multi-workspace install (SLACK_CLIENT_ID): it needs HTTP mode',
      });
    }
    if (e.METRICS_HOST && e.METRICS_PORT === undefined)
      need('METRICS_PORT', 'when METRICS_HOST is set (the metrics listener)');
    if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === (e.PORT ?? DEFAULT_PORT)) {
      ctx.addIssue({
        code: 'custom',
        path: ['METRICS_PORT'],
        message: 'must differ from PORT (the metrics listener is a second server)',
      });
    }
    const appType = e.MICROSOFT_APP_TYPE ?? 'SingleTenant';
    if (e.MICROSOFT_APP_ID) {
      if (appType !== 'UserAssignedMSI') need('MICROSOFT_APP_PASSWORD', 'when MICROSOFT_APP_ID is set');
      if (appType !== 'MultiTenant') need('MICROSOFT_APP_TENANT_ID', `when MICROSOFT_APP_TYPE is ${appType}`);
    }
  });

export interface SlackConfig {
  readonly botToken: string;
  readonly signingSecret?: string;
  readonly appToken?: string;
  readonly apiUrl?: string;
  readonly oauth?: { readonly clientId: string; readonly clientSecret: string; readonly stateSecret: string };
}

export interface TeamsConfig {
  /** Empty in local development: inbound auth and outbound tokens are then off. */
  readonly appId?: string;
  readonly appPassword?: string;
  readonly appType: (typeof APP_TYPES)[number];
  readonly tenantId?: string;
}

export interface AppConfig {
  readonly databaseUrl: string;
  /** True when DATABASE_URL was not set and the default file is used. */
  readonly databaseIsDefault: boolean;
  /** PostgreSQL pool size per thread (DATABASE_POOL_SIZE); unused on SQLite. */
  readonly databasePoolSize: number;
  /**
   * Nice value the background thread adds to its own scheduling priority (BACKGROUND_NICE, 0-19): the
   * thread that answers Slack and Teams gets the CPU first whenever both want it.
   */
  readonly backgroundNice: number;
  /** Path of the workspace YAML; undefined means the bundled example. */
  readonly workspaceConfigPath?: string;
  readonly port: number;
  readonly host?: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly publicUrl?: string;
  readonly sandbox: 'auto' | 'on' | 'off';
  readonly sandboxDatabaseUrl: string;
  readonly slack?: SlackConfig;
  readonly teams?: TeamsConfig;
  /** Key signing chart image links; undefined: a random key per process. */
  readonly chartUrlSecret?: string;
  /** Who may read GET /metrics, and where. */
  readonly metrics: MetricsAccess;
}

/** Who may read GET /metrics, and where (the contract is in src/http/metrics-endpoint.ts). */
export interface MetricsAccess {
  /** Bearer token required on whichever port serves /metrics. */
  readonly token?: string;
  /** A listener of its own for /metrics (0: any free port); the main port then has no /metrics. */
  readonly port?: number;
  /** Interface of that listener; default 127.0.0.1. */
  readonly host: string;
}

export const DEFAULT_DATABASE_URL = 'file:./data/rituals.db';
export const DEFAULT_SANDBOX_DATABASE_URL = 'file:./data/sandbox.db';
export const DEFAULT_PORT = 3000;
export const DEFAULT_DATABASE_POOL_SIZE = 10;
export const DEFAULT_METRICS_HOST = '127.0.0.1';
export const DEFAULT_BACKGROUND_NICE = 10;

export class EnvConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvConfigError';
  }
}

/** Parses the environment once; throws EnvConfigError naming each bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new EnvConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')} ${i.message}`));
  }
  const e = parsed.data;
  const slack: SlackConfig | undefined =
    e.SLACK_BOT_TOKEN || e.SLACK_CLIENT_ID
      ? {
          botToken: e.SLACK_BOT_TOKEN ?? '',
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
          oauth:
            e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
              ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET }
              : undefined,
        }
      : undefined;
  const teamsWanted = e.MICROSOFT_APP_ID !== undefined || e.TEAMS_ENABLED === 'true';
  const teams: TeamsConfig | undefined = teamsWanted
    ? {
        appId: e.MICROSOFT_APP_ID,
        appPassword: e.MICROSOFT_APP_PASSWORD,
        appType: e.MICROSOFT_APP_TYPE ?? 'SingleTenant',
        tenantId: e.MICROSOFT_APP_TENANT_ID,
      }
    : undefined;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    databaseIsDefault: e.DATABASE_URL === undefined,
    databasePoolSize: e.DATABASE_POOL_SIZE ?? DEFAULT_DATABASE_POOL_SIZE,
    backgroundNice: e.BACKGROUND_NICE ?? DEFAULT_BACKGROUND_NICE,
    workspaceConfigPath: e.RITUALS_CONFIG,
    port: e.PORT ?? DEFAULT_PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL ?? 'info',
    publicUrl: e.PUBLIC_URL,
    sandbox: e.SANDBOX ?? 'auto',
    sandboxDatabaseUrl: e.SANDBOX_DATABASE_URL ?? DEFAULT_SANDBOX_DATABASE_URL,
    slack,
    teams,
    chartUrlSecret: e.CHART_URL_SECRET,
    metrics: Object.freeze({
      token: e.METRICS_TOKEN,
      port: e.METRICS_PORT,
      host: e.METRICS_HOST ?? DEFAULT_METRICS_HOST,
    }),
  });
}

/** True when a platform is configured; otherwise `npm start` runs the local sandbox. */
export function hasPlatform(config: AppConfig): boolean {
  return config.slack !== undefined || config.teams !== undefined;
}
