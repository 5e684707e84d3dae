// The Slack clients' fetch over node:http: what the Web API client reads (status, headers, JSON body)
// against a real local server, keep-alive reuse, an abort, a refused connection and a redirect.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackFetch } from '../../../src/slack/web-fetch.js';

let server: Server;
let base: string;
const seen: {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
  remotePort?: number;
}[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body, remotePort: req.socket.remotePort });
      if (req.url === '/api/redirect') {
        res.writeHead(302, { location: 'http://example.invalid/' }).end();
        return;
      }
      if (req.url === '/api/slow') return; // never answers
      if (req.url === '/api/limited') {
        res
          .writeHead(429, { 'retry-after': '3', 'content-type': 'application/json' })
          .end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'x-oauth-scopes': 'chat:write,im:write',
      });
      res.end(JSON.stringify({ ok: true, echo: body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('slackFetch', () => {
  it('posts the form body and hands back status, headers and the JSON answer', async () => {
    const res = await slackFetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-test' },
      body: 'channel=C1&text=h%C3%A9',
      redirect: 'error',
    });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get('x-oauth-scopes')).toBe('chat:write,im:write');
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ ok: true, echo: 'channel=C1&text=h%C3%A9' });
    const last = seen[seen.length - 1]!;
    expect(last.method).toBe('POST');
    expect(last.url).toBe('/api/chat.postMessage');
    expect(last.headers.authorization).toBe('Bearer xoxb-test');
    expect(last.headers['content-length']).toBe(String(Buffer.byteLength('channel=C1&text=h%C3%A9')));
  });

  it('reuses its connection for the next call', async () => {
    await (await slackFetch(`${base}/api/a`, { method: 'POST', body: 'x=1' })).text();
    await (await slackFetch(`${base}/api/b`, { method: 'POST', body: 'x=2' })).text();
    const [a, b] = seen.slice(-2);
    expect(a!.remotePort).toBe(b!.remotePort);
  });

  it('passes a 429 with its Retry-After through, as fetch does', async () => {
    const res = await slackFetch(`${base}/api/limited`, { method: 'POST', body: '' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.text()).toBe('{"ok":false,"error":"ratelimited"}');
  });

  it('rejects on abort, on a refused connection and on a redirect', async () => {
    await expect(
      slackFetch(`${base}/api/slow`, { method: 'POST', body: '', signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();
    await expect(slackFetch('http://127.0.0.1:1/api/x', { method: 'POST', body: '' })).rejects.toThrow('fetch failed');
    await expect(slackFetch(`${base}/api/redirect`, { method: 'POST', body: '', redirect: 'error' })).rejects.toThrow(
      'fetch failed',
    );
  });
});
