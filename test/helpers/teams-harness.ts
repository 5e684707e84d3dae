// Runs the Teams adapter for a test: a migrated in-memory store synced with a workspace, the one HTTP
// server on 127.0.0.1 with POST /api/messages, a fake Bot Connector that receives everything the bot
// sends, and a logger whose lines the test can read. `post()` sends a real Bot Framework activity.
import { Writable } from 'node:stream';
import type { TeamsConfig } from '../../src/config/env.js';
import { loadWorkspace } from '../../src/config/workspace-load.js';
import type { Workspace } from '../../src/core/domain/model.js';
import type { Clock } from '../../src/core/ports/index.js';
import type { RitualsService } from '../../src/core/service.js';
import { HttpServer } from '../../src/http/server.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { syncWorkspace } from '../../src/store/sync-workspace.js';
import { createTeamsAdapter, type TeamsAdapter } from '../../src/teams/adapter.js';
import type { BotAdapterOptions } from '../../src/teams/bot-adapter.js';
import type { TeamsCharts } from '../../src/teams/chart-images.js';
import { repoRoot } from './cli.js';
import { FakeBotConnector } from './fake-bot-connector.js';

export const TEAMS_WORKSPACE = `${repoRoot}/test/fixtures/teams/workspace.yaml`;

export interface HarnessOptions {
  readonly config?: Partial<TeamsConfig>;
  /** The service under the adapter; built from the store when a function. */
  readonly service: RitualsService | ((store: Store, workspace: Workspace) => RitualsService | Promise<RitualsService>);
  readonly workspacePath?: string;
  readonly clock?: Clock;
  readonly store?: Store;
  readonly bot?: BotAdapterOptions;
  /** Review charts for the cards; built from the store when a function. */
  readonly charts?: TeamsCharts | ((store: Store, workspace: Workspace) => TeamsCharts);
}

export interface TeamsHarness {
  readonly store: Store;
  readonly workspace: Workspace;
  readonly service: RitualsService;
  readonly adapter: TeamsAdapter;
  readonly connector: FakeBotConnector;
  readonly http: HttpServer;
  readonly url: string;
  readonly log: Logger;
  logs(): string;
  post(activity: object, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startTeamsHarness(opts: HarnessOptions): Promise<TeamsHarness> {
  let lines = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines += chunk.toString();
      done();
    },
  });
  const log = createLogger('debug', sink);
  const loaded = await loadWorkspace(opts.workspacePath ?? TEAMS_WORKSPACE);
  const store = opts.store ?? (await openStore(':memory:'));
  await syncWorkspace(store, loaded.workspace, { actor: 'test' });
  const service = typeof opts.service === 'function' ? await opts.service(store, loaded.workspace) : opts.service;
  const connector = await new FakeBotConnector().start();
  const http = new HttpServer(log);
  const charts = typeof opts.charts === 'function' ? opts.charts(store, loaded.workspace) : opts.charts;
  const adapter = createTeamsAdapter({
    config: { appType: 'SingleTenant', ...opts.config },
    service,
    workspace: () => loaded.workspace,
    store,
    http,
    log,
    clock: opts.clock,
    bot: opts.bot,
    ...(charts ? { charts } : {}),
  });
  await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    store,
    workspace: loaded.workspace,
    service,
    adapter,
    connector,
    http,
    url,
    log,
    logs: () => lines,
    async post(activity, headers = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body };
    },
    async stop() {
      await adapter.stop();
      await http.close();
      await connector.stop();
      await store.close();
    },
  };
}
