// Chart image links over real HTTP: a published PNG is served at its signed URL until it expires; a
// forged, altered or extended link is refused; the cache stays within its bounds; small PNGs inline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChartLinks, createChartLinks, pngDataUri, registerChartRoute } from '../../../src/http/chart-links.js';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';

let http: HttpServer;
let links: ChartLinks;
let now: number;
let origin: string;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

beforeEach(async () => {
  now = Date.parse('2026-11-30T09:00:00Z');
  links = createChartLinks({
    secret: 's'.repeat(32),
    publicUrl: 'https://bot.example.com/',
    ttlMs: 3_600_000,
    maxEntries: 3,
    now: () => now,
  });
  http = new HttpServer(createLogger('silent'));
  registerChartRoute(http, links, () => now);
  const { port } = await http.listen(0, '127.0.0.1');
  origin = `http://127.0.0.1:${port}`;
});
afterEach(() => http.close());

describe('chart links', () => {
  it('serves a published PNG at its signed URL, privately cached until it expires', async () => {
    const published = links.publish(PNG);
    expect(published.url).toBe(`https://bot.example.com${published.path}`);
    expect(published.path).toMatch(/^\/charts\/[A-Za-z0-9_-]{22}\.[0-9a-z]+\.[A-Za-z0-9_-]{22}\.png$/);
    expect(published.expiresAt).toBe('2026-11-30T10:00:00.000Z');
    const res = await fetch(origin + published.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    now += 3_600_000;
    const expired = await fetch(origin + published.path);
    expect(expired.status).toBe(410);
  });

  it('serves a PNG published by another thread with the same key, and ignores a path signed with another', async () => {
    // The background thread publishes with its own ChartLinks (same key) and hands the PNG over.
    const worker = createChartLinks({ secret: 's'.repeat(32), ttlMs: 3_600_000, maxEntries: 1, now: () => now });
    const published = worker.publish(PNG);
    expect(links.adopt(published.path, PNG)).toBe(true);
    const res = await fetch(origin + published.path);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);

    const stranger = createChartLinks({ secret: 'x'.repeat(32), ttlMs: 3_600_000, now: () => now }).publish(PNG);
    expect(links.adopt(stranger.path, PNG)).toBe(false);
    expect(links.adopt('/charts/not-a-token.png', PNG)).toBe(false);
    expect((await fetch(origin + stranger.path)).status).toBe(404);
  });

  it('gives every chart its own unguessable link', () => {
    const a = links.publish(PNG).path;
    const b = links.publish(PNG).path;
    expect(a).not.toBe(b);
  });

  it('refuses forged, altered and extended links with 404', async () => {
    const { path } = links.publish(PNG);
    const [, id, exp, sig] = /^\/charts\/([^.]+)\.([^.]+)\.([^.]+)\.png$/.exec(path)!;
    const later = (parseInt(exp!, 36) + 86_400).toString(36);
    const otherKey = createChartLinks({ secret: 't'.repeat(32), now: () => now }).publish(PNG).path;
    for (const p of [
      `/charts/${id}.${later}.${sig}.png`, // a longer life with the old signature
      `/charts/${id}.${exp}.${'A'.repeat(22)}.png`,
      `/charts/${'B'.repeat(22)}.${exp}.${sig}.png`,
      otherKey, // signed with another secret
      `/charts/${id}.png`,
      '/charts/../healthz.png',
    ]) {
      const res = await fetch(origin + p);
      expect({ p, status: res.status }).toEqual({ p, status: 404 });
    }
  });

  it('keeps at most maxEntries PNGs, dropping the least recently used', async () => {
    const first = links.publish(PNG).path;
    const second = links.publish(PNG).path;
    links.publish(PNG);
    expect((await fetch(origin + first)).status).toBe(200); // now the most recently used
    links.publish(PNG);
    expect(links.size).toBe(3);
    expect((await fetch(origin + second)).status).toBe(404);
    expect((await fetch(origin + first)).status).toBe(200);
  });

  it('inlines a small PNG as a data URI and leaves a big one to a link', () => {
    expect(pngDataUri(PNG)).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(pngDataUri(Buffer.alloc(20_000))).toBeUndefined();
  });
});
