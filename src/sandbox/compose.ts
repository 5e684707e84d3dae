// Composition of sandbox mode: on the sandbox's own store, the ritual core built by compose/build-core.ts
// (every destination reached through the sandbox platform), an outbox sender that the sandbox drains
// itself (no background loop, no node-cron: the sandbox clock decides when rituals run), and the sandbox
// page on the HTTP server.
// app.ts calls it when no Slack or Teams credentials are set; the tests compose the same way.
import { buildCore } from '../compose/build-core.js';
import type { Workspace } from '../core/domain/model.js';
import type { CoreLogger } from '../core/ports/index.js';
import type { RitualsCore } from '../core/rituals/create-core.js';
import type { HttpServer } from '../http/server.js';
import { nextFire } from '../scheduling/cron.js';
import type { OutboxSender } from '../scheduling/outbox-sender.js';
import type { Store } from '../store/connection.js';
import { importMetricsCsv } from '../store/import-csv.js';
import { syncWorkspace } from '../store/sync-workspace.js';
import { SandboxClock } from './clock.js';
import { createSandbox, type Sandbox } from './create-sandbox.js';
import type { Delivery } from './gateway.js';
import { sandboxFiles } from './json-file.js';
import type { SeedOptions } from './seed-history.js';

export interface SandboxAppOptions {
  readonly store: Store;
  /** The URL `store` was opened with (SANDBOX_DATABASE_URL). */
  readonly databaseUrl: string;
  /** DATABASE_URL: the reset button refuses to touch it. */
  readonly protectedDatabaseUrls: readonly string[];
  readonly workspace: () => Workspace;
  readonly http: HttpServer;
  readonly log: CoreLogger;
  /** Real time source of the sandbox clock (tests and `simulate` freeze it). */
  readonly realNow?: () => Date;
  readonly seed?: SeedOptions | false;
  readonly autoTickMs?: number;
  readonly onDelivery?: (delivery: Delivery) => void;
}

export interface SandboxApp {
  readonly sandbox: Sandbox;
  readonly core: RitualsCore;
  readonly clock: SandboxClock;
  readonly sender: OutboxSender;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function composeSandbox(opts: SandboxAppOptions): SandboxApp {
  const clock = new SandboxClock({ file: sandboxFiles(opts.databaseUrl).clock, realNow: opts.realNow });
  // Charts are drawn as of the sandbox time (review ids fix their own as-of instant). The sender is
  // drained by the sandbox itself; its gateway is the sandbox's, connected once the sandbox exists.
  const built = buildCore({
    store: opts.store,
    workspace: opts.workspace,
    log: opts.log,
    clock,
    platformFor: () => 'sandbox',
    charts: true,
  });
  const { core, sender } = built;
  const charts = built.charts!;
  const sandbox = createSandbox({
    service: core.service,
    engine: core.engine,
    drain: () => sender.drainOnce(),
    clock,
    workspace: opts.workspace,
    store: opts.store,
    databaseUrl: opts.databaseUrl,
    protectedDatabaseUrls: opts.protectedDatabaseUrls,
    resync: () => syncWorkspace(opts.store, opts.workspace(), { actor: 'config', at: clock.now().toISOString() }),
    http: opts.http,
    log: opts.log,
    nextFire,
    seed: opts.seed,
    // The nightly CRM export goes through `rituals import`'s own path: validated, idempotent, audited.
    crm: {
      importCsv: (text, file, at) =>
        importMetricsCsv(opts.store, opts.workspace(), { text, file, at, actor: 'crm-import' }),
    },
    autoTickMs: opts.autoTickMs,
    onDelivery: opts.onDelivery,
    chartPng: (id, locale) => charts.png(id, locale),
  });
  built.connect(sandbox.gateway);
  return {
    sandbox,
    core,
    clock,
    sender,
    start: () => sandbox.start(),
    stop: () => sandbox.stop(),
  };
}
