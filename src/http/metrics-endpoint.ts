// Where GET /metrics is served, and to whom. The figures name teams and show the bot's load, so they
// stay off the public interface unless asked for:
// - METRICS_PORT set: on a listener of its own (METRICS_HOST, default 127.0.0.1), never on the main port;
// - else METRICS_TOKEN set: on the main port, to requests with `Authorization: Bearer <token>`;
// - else on the main port in sandbox mode only (a local try-out, on 127.0.0.1 unless HOST says
//   otherwise); in platform mode nowhere, and the start log says how to turn it on.
// METRICS_TOKEN, when set, is required on whichever port serves /metrics.
import type { MetricsAccess } from '../config/env.js';
import type { Logger } from '../logging/logger.js';
import { type Metrics, registerMetricsRoute } from './metrics.js';
import { HttpServer } from './server.js';

export interface MetricsEndpoint {
  /** Starts the listener of its own, if any; resolves with its port. */
  listen(): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface MetricsEndpointOptions {
  readonly access: MetricsAccess;
  readonly mode: 'sandbox' | 'platform';
  readonly metrics: Metrics;
  /** The main HTTP server. */
  readonly http: HttpServer;
  readonly log: Logger;
}

export function createMetricsEndpoint({ access, mode, metrics, http, log }: MetricsEndpointOptions): MetricsEndpoint {
  const { token, port, host } = access;
  if (port === undefined) {
    if (token !== undefined || mode === 'sandbox') registerMetricsRoute(http, metrics, { token });
    else
      log.warn(
        'GET /metrics is off: set METRICS_TOKEN (a bearer token on the main port) or METRICS_PORT (a listener of its own, on 127.0.0.1 by default)',
      );
    return { listen: async () => undefined, close: async () => {} };
  }
  const own = new HttpServer(log);
  registerMetricsRoute(own, metrics, { token });
  let listening = false;
  return {
    async listen() {
      const bound = await own.listen(port, host);
      listening = true;
      log.info(
        { host, port: bound.port, bearer: token !== undefined },
        `metrics listening on http://${host}:${bound.port}/metrics`,
      );
      return bound.port;
    },
    async close() {
      if (listening) await own.close();
      listening = false;
    },
  };
}
