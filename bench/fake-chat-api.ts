// A local fake of a chat platform's posting API, modelled on Slack's chat.postMessage / chat.update:
// POST JSON { channel, text } -> { ok: true, channel, ts }, or HTTP 429 with Retry-After (seconds) when
// a global rate or the per-channel rate is exceeded. It counts deliveries per channel, so a benchmark
// or a test can tell lost and duplicated messages apart. Faults (5xx, 4xx, forced 429) are injectable.
// Its rate limiting is written independently of the bot's limiter on purpose: it is the referee.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCall {
  /** 1-based index of the request among all requests. */
  readonly n: number;
  readonly method: 'chat.postMessage' | 'chat.update';
  readonly channel: string;
  /** 1-based index of the request among this channel's requests. */
  readonly channelCall: number;
}

export type FakeFault =
  | { readonly kind: 'rate_limited'; readonly retryAfterSeconds: number }
  | { readonly kind: 'server_error'; readonly status?: number }
  | { readonly kind: 'client_error'; readonly status?: number; readonly error: string };

export interface FakeChatApiOptions {
  /** Messages per second across all channels; Infinity (default) for no limit. */
  readonly rate?: number;
  /** Global bucket size (default: one second of `rate`). */
  readonly burst?: number;
  /** Messages per second per channel (default 1, as Slack). */
  readonly perChannelRate?: number;
  readonly perChannelBurst?: number;
  /** Decides a fault for a request before the rate check; undefined lets it through. */
  readonly fault?: (call: FakeCall) => FakeFault | undefined;
  /** Artificial latency per request in ms. */
  readonly latencyMs?: number;
}

export interface FakeChatStats {
  requests: number;
  delivered: number;
  updates: number;
  /** 429s from the rate limits (not the injected ones). */
  throttled: number;
  /** Injected faults answered. */
  faults: number;
}

export interface FakeChatApi {
  readonly url: string;
  readonly stats: Readonly<FakeChatStats>;
  /** Successful posts per channel. */
  readonly deliveries: ReadonlyMap<string, number>;
  /** Channels of `expected` that never received a post. */
  lost(expected: readonly string[]): string[];
  /** Posts beyond the first, summed over channels. */
  duplicates(): number;
  close(): Promise<void>;
}

class Bucket {
  private tokens: number;
  private last = performance.now();
  constructor(
    private readonly rate: number,
    private readonly capacity: number,
  ) {
    this.tokens = capacity;
  }
  /** 0 if a token was taken, else ms until one is available. */
  take(): number {
    if (!Number.isFinite(this.rate)) return 0;
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.rate) / 1000);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return ((1 - this.tokens) * 1000) / this.rate;
  }
  refund(): void {
    this.tokens += 1;
  }
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>);
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export async function startFakeChatApi(opts: FakeChatApiOptions = {}): Promise<FakeChatApi> {
  const rate = opts.rate ?? Infinity;
  const global = new Bucket(rate, opts.burst ?? (Number.isFinite(rate) ? Math.max(1, rate) : 1));
  const perChannelRate = opts.perChannelRate ?? 1;
  const perChannelBurst = opts.perChannelBurst ?? 3;
  const channels = new Map<string, Bucket>();
  const channelCalls = new Map<string, number>();
  const deliveries = new Map<string, number>();
  const stats: FakeChatStats = { requests: 0, delivered: 0, updates: 0, throttled: 0, faults: 0 };
  let ts = 1_700_000_000_000;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method =
      req.url === '/api/chat.postMessage'
        ? 'chat.postMessage'
        : req.url === '/api/chat.update'
          ? 'chat.update'
          : undefined;
    if (req.method !== 'POST' || !method) return reply(res, 404, { ok: false, error: 'unknown_method' });
    const body = await readJson(req).catch(() => undefined);
    const channel = typeof body?.channel === 'string' ? body.channel : '';
    if (!channel) return reply(res, 400, { ok: false, error: 'channel_not_found' });
    stats.requests++;
    const channelCall = (channelCalls.get(channel) ?? 0) + 1;
    channelCalls.set(channel, channelCall);
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));

    const fault = opts.fault?.({ n: stats.requests, method, channel, channelCall });
    if (fault) {
      stats.faults++;
      if (fault.kind === 'rate_limited')
        return reply(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfterSeconds) });
      if (fault.kind === 'server_error') return reply(res, fault.status ?? 500, { ok: false, error: 'internal_error' });
      return reply(res, fault.status ?? 404, { ok: false, error: fault.error });
    }

    let bucket = channels.get(channel);
    if (!bucket) {
      bucket = new Bucket(perChannelRate, perChannelBurst);
      channels.set(channel, bucket);
    }
    const channelWait = bucket.take();
    const globalWait = channelWait === 0 ? global.take() : 0;
    if (channelWait > 0 || globalWait > 0) {
      if (globalWait > 0) bucket.refund();
      stats.throttled++;
      const seconds = Math.max(1, Math.ceil(Math.max(channelWait, globalWait) / 1000));
      return reply(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(seconds) });
    }

    if (method === 'chat.update') {
      stats.updates++;
      return reply(res, 200, { ok: true, channel, ts: body?.ts });
    }
    stats.delivered++;
    deliveries.set(channel, (deliveries.get(channel) ?? 0) + 1);
    ts += 1;
    return reply(res, 200, { ok: true, channel, ts: `${Math.floor(ts / 1000)}.${String(ts % 1000).padStart(6, '0')}` });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) reply(res, 500, { ok: false, error: 'fake_failure' });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    deliveries,
    lost: (expected) => expected.filter((c) => !deliveries.has(c)),
    duplicates: () => [...deliveries.values()].reduce((n, c) => n + Math.max(0, c - 1), 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
