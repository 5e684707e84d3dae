// Prometheus metrics of one running app (prom-client, on a registry of its own rather than the global
// default, so two apps in one process or one test do not share counters), and GET /metrics. The other
// parts call the `Metrics` methods; label values are ids and platform names, never user text.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { HttpServer } from './server.js';

export interface Metrics {
  readonly registry: Registry;
  /** A ritual ran for a team (check-in, leaderboard, review...). */
  ritualRun(ritual: string, team: string): void;
  messageSent(platform: string): void;
  /** `kind`: permanent, transient, rate_limited... */
  messageFailed(platform: string, kind: string): void;
  /** Outbox rows waiting to be sent (also read at each scrape when a `queued` source is given). */
  setQueued(count: number): void;
  /** Share of a team's members who answered the current check-in (0..1). */
  setCheckinCompletion(team: string, ratio: number): void;
  /** Time from receiving a platform request to acknowledging it (Slack's 3 s, Teams' invoke 5 s). */
  observeAck(platform: string, surface: string, seconds: number): void;
  /** An ingest API request answered with this HTTP status. */
  ingestRequest(status: number): void;
  /** The exposition text and its content type. */
  render(): Promise<{ readonly contentType: string; readonly body: string }>;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop lag) under the `rituals_` prefix; default true. */
  readonly processMetrics?: boolean;
  /** Read at each scrape: the outbox backlog. */
  readonly queued?: () => number | Promise<number>;
}

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'rituals_' });
  const runs = new Counter({
    name: 'rituals_runs_total',
    help: 'Rituals run, by ritual and team.',
    labelNames: ['ritual', 'team'],
    registers: [registry],
  });
  const sent = new Counter({
    name: 'messages_sent_total',
    help: 'Messages delivered to a chat platform.',
    labelNames: ['platform'],
    registers: [registry],
  });
  const failed = new Counter({
    name: 'messages_failed_total',
    help: 'Message deliveries that failed, by kind of failure.',
    labelNames: ['platform', 'kind'],
    registers: [registry],
  });
  const source = opts.queued;
  const queued = new Gauge({
    name: 'messages_queued',
    help: 'Messages waiting in the outbox.',
    registers: [registry],
    ...(source
      ? {
          async collect() {
            this.set(await source());
          },
        }
      : {}),
  });
  const completion = new Gauge({
    name: 'checkin_completion_ratio',
    help: "Share of a team's members who answered the current check-in.",
    labelNames: ['team'],
    registers: [registry],
  });
  const ack = new Histogram({
    name: 'ack_latency_seconds',
    help: 'Time to acknowledge a platform request.',
    labelNames: ['platform', 'surface'],
    // Slack wants an ack within 3 s, a Teams invoke within 5 s: buckets resolve that range finely.
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [registry],
  });
  const ingest = new Counter({
    name: 'ingest_requests_total',
    help: 'Ingest API requests, by HTTP status.',
    labelNames: ['status'],
    registers: [registry],
  });

  return {
    registry,
    ritualRun: (ritual, team) => runs.inc({ ritual, team }),
    messageSent: (platform) => sent.inc({ platform }),
    messageFailed: (platform, kind) => failed.inc({ platform, kind }),
    setQueued: (count) => queued.set(count),
    setCheckinCompletion: (team, ratio) => completion.set({ team }, ratio),
    observeAck: (platform, surface, seconds) => ack.observe({ platform, surface }, seconds),
    ingestRequest: (status) => ingest.inc({ status: String(status) }),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** GET /metrics in the Prometheus text format; with a `token`, only to requests bearing it (else 401). */
export function registerMetricsRoute(http: HttpServer, metrics: Metrics, opts: { readonly token?: string } = {}): void {
  const token = opts.token;
  http.add({
    method: 'GET',
    path: '/metrics',
    handler: async (req, res) => {
      if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
        const body = JSON.stringify({ error: 'unauthorized' });
        res.writeHead(401, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'www-authenticate': 'Bearer realm="metrics"',
        });
        res.end(body);
        return;
      }
      const { contentType, body } = await metrics.render();
      res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
  });
}

// Both sides are hashed first so the comparison is constant-time whatever the lengths (timingSafeEqual
// wants equal lengths, and an early length check would tell the token's length).
function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]!), digest(token));
}
