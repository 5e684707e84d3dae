// Stopping the one HTTP server: a request in flight when the stop begins gets its full answer (with
// `Connection: close`), an idle kept-alive connection is closed, a request on a busy one gets 503, a new
// connection is refused, and close() waits for the request in flight.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HttpServer, sendJson } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';

function get(
  port: number,
  path: string,
  agent: Agent,
): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('HttpServer stop', () => {
  it('finishes the request in flight, closes idle kept-alive connections, refuses new ones', async () => {
    const http = new HttpServer(createLogger('silent'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inHandler = new Promise<void>((r) => (started = r));
    http.add({
      method: 'GET',
      path: '/slow',
      handler: async (_req, res) => (started(), await gate, sendJson(res, 200, { done: true })),
    });
    http.add({ method: 'GET', path: '/fast', handler: (_req, res) => sendJson(res, 200, { fast: true }) });
    const { port } = await http.listen(0, '127.0.0.1');

    // One connection kept alive (idle after its first answer), another carrying the slow request.
    const idle = new Agent({ keepAlive: true, maxSockets: 1 });
    const busy = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(port, '/fast', idle)).status).toBe(200);
    const slow = get(port, '/slow', busy);
    await inHandler;

    const closing = http.close(60_000);
    let closed = false;
    void closing.then(() => (closed = true));
    expect(await accepts(port)).toBe(false);
    // The idle kept-alive connection was closed by the stop; a request sent on a fresh one is refused too.
    await expect(get(port, '/fast', idle)).rejects.toThrow();
    expect(closed).toBe(false);

    release();
    expect(await slow).toEqual({ status: 200, body: JSON.stringify({ done: true }), connection: 'close' });
    await closing;
    expect(closed).toBe(true);
    idle.destroy();
    busy.destroy();
  });

  it('answers 503, and closes the connection, to a request that comes on a busy connection once the stop has begun', async () => {
    const http = new HttpServer(createLogger('silent'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // A streamed answer: its headers (keep-alive) are out before the stop, its end after.
    http.add({
      method: 'GET',
      path: '/stream',
      handler: async (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('part 1;');
        await gate;
        res.end('part 2');
      },
    });
    http.add({ method: 'GET', path: '/fast', handler: (_req, res) => sendJson(res, 200, { fast: true }) });
    const { port } = await http.listen(0, '127.0.0.1');

    const socket = connect(port, '127.0.0.1');
    let raw = '';
    const received = (text: string) =>
      new Promise<void>((r) => {
        const check = () => (raw.includes(text) ? (socket.off('data', check), r()) : undefined);
        socket.on('data', check);
        check();
      });
    socket.on('data', (d: Buffer) => (raw += d.toString()));
    const ended = new Promise<void>((r) => socket.once('close', () => r()));
    socket.write('GET /stream HTTP/1.1\r\nHost: x\r\n\r\n');
    await received('part 1;');
    http.stopAccepting();
    socket.write('GET /fast HTTP/1.1\r\nHost: x\r\n\r\n');
    release();
    await ended;
    const answers = raw.split('HTTP/1.1 ').slice(1);
    expect(answers.map((a) => a.slice(0, 3))).toEqual(['200', '503']);
    expect(answers[0]).toContain('part 2');
    expect(answers[1]!.toLowerCase()).toContain('connection: close');
    expect(answers[1]).toContain('{"error":"shutting down"}');
    await http.close();
  });
});
