// GET /healthz: what is running and whether its connections answer. 503 when the store is unusable (the
// process cannot work: restart or page); a platform connection that is down (Slack or Teams unreachable)
// makes the status "degraded" but keeps 200, since restarting this process would not bring it back.
import type { HttpServer } from './server.js';
import { sendJson } from './server.js';

export type ConnectionState = 'ok' | 'down';

export interface HealthSource {
  readonly mode: 'sandbox' | 'platform';
  readonly platforms: readonly string[];
  /** Throws or returns false when the store is unusable. */
  readonly checkStore: () => boolean | Promise<boolean>;
  /**
   * The state of each platform connection (e.g. `{ slack: 'ok', teams: 'down' }`). When given, the
   * response's `platforms` is this map instead of the list of names; a callback that throws counts every
   * platform as down.
   */
  readonly platformStatus?: () =>
    | Readonly<Record<string, ConnectionState>>
    | Promise<Readonly<Record<string, ConnectionState>>>;
}

export function registerHealth(http: HttpServer, src: HealthSource): void {
  http.add({
    method: 'GET',
    path: '/healthz',
    handler: async (_req, res) => {
      let store: ConnectionState = 'ok';
      try {
        if (!(await src.checkStore())) store = 'down';
      } catch {
        store = 'down';
      }
      let platforms: readonly string[] | Readonly<Record<string, ConnectionState>> = src.platforms;
      let platformsOk = true;
      if (src.platformStatus) {
        try {
          platforms = await src.platformStatus();
        } catch {
          platforms = Object.fromEntries(src.platforms.map((p) => [p, 'down' as const]));
        }
        platformsOk = Object.values(platforms).every((s) => s === 'ok');
      }
      const ok = store === 'ok' && platformsOk;
      sendJson(res, store === 'ok' ? 200 : 503, { status: ok ? 'ok' : 'degraded', mode: src.mode, store, platforms });
    },
  });
}
