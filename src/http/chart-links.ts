// Signed, expiring, unguessable links to chart PNGs, for clients that load an image by URL (a Teams
// Adaptive Card's Image). `publish` keeps the PNG in a bounded in-memory LRU and returns
// `/charts/{id}.{expiry}.{signature}.png`: the id is 128 random bits, the signature an HMAC-SHA256 of id
// and expiry, so a link cannot be guessed, forged or extended. GET /charts/... serves it until it
// expires or is evicted (then 410 / 404). The cache is per process: links do not survive a restart.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HttpServer } from './server.js';
import { sendJson } from './server.js';

export interface PublishedChart {
  /** `/charts/...png`, to append to the public base URL. */
  readonly path: string;
  /** Absolute when a public base URL is known, else the path. */
  readonly url: string;
  readonly expiresAt: string;
}

export type ChartLookup =
  | { readonly status: 'ok'; readonly png: Buffer; readonly expiresAtMs: number }
  | { readonly status: 'expired' | 'invalid' | 'missing' };

export interface ChartLinks {
  publish(png: Buffer, opts?: { readonly ttlMs?: number }): PublishedChart;
  lookup(token: string): ChartLookup;
  /**
   * Keeps a PNG published under the same key by another thread (the background worker renders review
   * charts; this thread's HTTP server serves them). A path that is not validly signed is ignored.
   */
  adopt(path: string, png: Buffer): boolean;
  /** PNGs held now. */
  readonly size: number;
}

export interface ChartLinksOptions {
  /** HMAC key (CHART_URL_SECRET); a random one per process when absent. */
  readonly secret?: string;
  /** e.g. https://bot.example.com (PUBLIC_URL). */
  readonly publicUrl?: string;
  /** Default lifetime of a link: 30 days, long enough for a monthly review to stay readable. */
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly maxBytes?: number;
  readonly now?: () => number;
}

const DAY_MS = 86_400_000;
const TOKEN_RE = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/;

export function createChartLinks(opts: ChartLinksOptions = {}): ChartLinks {
  const secret = opts.secret ?? randomBytes(32).toString('hex');
  const ttlMs = opts.ttlMs ?? 30 * DAY_MS;
  const maxEntries = opts.maxEntries ?? 500;
  const maxBytes = opts.maxBytes ?? 32 * 1024 * 1024;
  const now = opts.now ?? Date.now;
  const base = opts.publicUrl?.replace(/\/+$/, '');
  // A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
  const cache = new Map<string, { png: Buffer; expiresAtMs: number }>();
  let bytes = 0;

  const sign = (id: string, exp: string) =>
    createHmac('sha256', secret).update(`${id}.${exp}`).digest().subarray(0, 16).toString('base64url');
  const drop = (id: string) => {
    const entry = cache.get(id);
    if (entry) bytes -= entry.png.length;
    cache.delete(id);
  };

  return {
    publish(png, publishOpts = {}) {
      const expiresAtMs = now() + (publishOpts.ttlMs ?? ttlMs);
      const id = randomBytes(16).toString('base64url');
      const exp = Math.ceil(expiresAtMs / 1000).toString(36);
      cache.set(id, { png, expiresAtMs });
      bytes += png.length;
      for (const key of cache.keys()) {
        if (cache.size <= maxEntries && bytes <= maxBytes) break;
        if (key !== id) drop(key);
      }
      const path = `/charts/${id}.${exp}.${sign(id, exp)}.png`;
      return { path, url: base ? `${base}${path}` : path, expiresAt: new Date(expiresAtMs).toISOString() };
    },

    lookup(token) {
      const m = TOKEN_RE.exec(token);
      if (!m) return { status: 'invalid' };
      const [, id, exp, sig] = m as unknown as [string, string, string, string];
      const expected = Buffer.from(sign(id, exp));
      if (!timingSafeEqual(expected, Buffer.from(sig))) return { status: 'invalid' };
      if (parseInt(exp, 36) * 1000 <= now()) {
        drop(id);
        return { status: 'expired' };
      }
      const entry = cache.get(id);
      if (!entry) return { status: 'missing' };
      cache.delete(id);
      cache.set(id, entry);
      return { status: 'ok', png: entry.png, expiresAtMs: entry.expiresAtMs };
    },

    adopt(path, png) {
      const m = /^\/charts\/([^/]+)\.png$/.exec(path);
      const t = m ? TOKEN_RE.exec(m[1]!) : null;
      if (!t) return false;
      const [, id, exp, sig] = t as unknown as [string, string, string, string];
      if (!timingSafeEqual(Buffer.from(sign(id, exp)), Buffer.from(sig))) return false;
      const expiresAtMs = parseInt(exp, 36) * 1000;
      cache.set(id, { png, expiresAtMs });
      bytes += png.length;
      for (const key of cache.keys()) {
        if (cache.size <= maxEntries && bytes <= maxBytes) break;
        if (key !== id) drop(key);
      }
      return true;
    },

    get size() {
      return cache.size;
    },
  };
}

/** GET /charts/{token}.png */
export function registerChartRoute(http: HttpServer, links: ChartLinks, now: () => number = Date.now): void {
  http.add({
    method: 'GET',
    path: '/charts/*',
    handler: (_req, res, url) => {
      const m = /^\/charts\/([^/]+)\.png$/.exec(url.pathname);
      const found = m ? links.lookup(m[1]!) : ({ status: 'invalid' } as const);
      if (found.status === 'expired') return sendJson(res, 410, { error: 'this chart link has expired' });
      if (found.status !== 'ok') return sendJson(res, 404, { error: 'not found' });
      const maxAge = Math.max(0, Math.floor((found.expiresAtMs - now()) / 1000));
      res.writeHead(200, {
        'content-type': 'image/png',
        'content-length': found.png.length,
        'cache-control': `private, max-age=${maxAge}`,
        'x-content-type-options': 'nosniff',
      });
      res.end(found.png);
    },
  });
}

/**
 * A `data:` URI for a card to carry the image inline, or undefined when the PNG is too big for it
 * (a Teams card must stay under 28 KB; base64 adds a third).
 */
export function pngDataUri(png: Buffer, maxBytes = 16 * 1024): string | undefined {
  return png.length <= maxBytes ? `data:image/png;base64,${png.toString('base64')}` : undefined;
}
