// GET /healthz: 200 when the store answers, 503 otherwise, with what is running.
import type { HttpServer } from './server.js';
import { sendJson } from './server.js';

export interface HealthSource {
  readonly mode: 'sandbox' | 'platform';
  readonly platforms: readonly string[];
  /** Throws or returns false when the store is unusable. */
  readonly checkStore: () => boolean;
}

export function registerHealth(http: HttpServer, src: HealthSource): void {
  http.add({
    method: 'GET',
    path: '/healthz',
    handler: (_req, res) => {
      let store = 'ok';
      try {
        if (!src.checkStore()) store = 'down';
      } catch {
        store = 'down';
      }
      const ok = store === 'ok';
      sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', mode: src.mode, store, platforms: src.platforms });
    },
  });
}
