// The one HTTP server of the process. Areas (health, Slack, Teams, ingest, sandbox) register routes;
// a route that throws answers 500 without details, and a body over the limit answers 413.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export interface Route {
  readonly method: string;
  /** Exact path, or a prefix when it ends with `*`. */
  readonly path: string;
  readonly handler: Handler;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Reads a request body up to `limit` bytes (413 beyond it). */
export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function match(route: Route, method: string, path: string): boolean {
  if (route.method !== method && !(route.method === 'GET' && method === 'HEAD')) return false;
  return route.path.endsWith('*') ? path.startsWith(route.path.slice(0, -1)) : route.path === path;
}

export class HttpServer {
  private readonly routes: Route[] = [];
  private readonly responseListeners: ((route: string, seconds: number) => void)[] = [];
  private readonly inFlight = new Set<ServerResponse>();
  private accepting = true;
  private closed: Promise<void> | undefined;
  readonly server: Server;

  constructor(private readonly log: Logger) {
    this.server = createServer((req, res) => void this.dispatch(req, res));
  }

  add(route: Route): void {
    this.routes.push(route);
  }

  /** Called with the matched route's path and the time from request to response end (ack latency). */
  onResponse(listener: (route: string, seconds: number) => void): void {
    this.responseListeners.push(listener);
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Stopping: a request on a connection kept alive from before gets 503 and the connection is closed.
    if (!this.accepting) {
      res.shouldKeepAlive = false;
      return sendJson(res, 503, { error: 'shutting down' });
    }
    this.inFlight.add(res);
    res.once('close', () => this.inFlight.delete(res));
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendJson(res, 400, { error: 'bad request' });
    }
    const route = this.routes.find((r) => match(r, req.method ?? 'GET', url.pathname));
    if (!route) {
      const pathKnown = this.routes.some((r) =>
        match({ ...r, method: req.method ?? 'GET' }, req.method ?? 'GET', url.pathname),
      );
      return sendJson(res, pathKnown ? 405 : 404, { error: pathKnown ? 'method not allowed' : 'not found' });
    }
    if (this.responseListeners.length > 0) {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        for (const l of this.responseListeners) l(route.path, seconds);
      });
    }
    try {
      await route.handler(req, res, url);
    } catch (err) {
      if (err instanceof HttpError) {
        if (!res.headersSent) sendJson(res, err.status, { error: err.message });
        return;
      }
      this.log.error(
        { err: err instanceof Error ? { name: err.name, message: err.message } : String(err), path: url.pathname },
        'http handler failed',
      );
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    }
  }

  listen(port: number, host: string): Promise<{ port: number }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        resolve({ port: typeof addr === 'object' && addr ? addr.port : port });
      });
    });
  }

  /** Stops taking connections and requests; the requests in flight go on (see close). */
  stopAccepting(): void {
    if (!this.accepting) return;
    this.accepting = false;
    this.closed = new Promise((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    // The answers still to come tell their clients not to send more on the same connection.
    for (const res of this.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
  }

  /**
   * Stops taking requests, waits for those in flight (at most `graceMs`, counted from this call: a stop
   * calls stopAccepting first, so they have also had the rest of the stop), then closes every connection.
   * A request still running after that is cut: its work is in the database or not at all.
   */
  async close(graceMs = 2_000): Promise<void> {
    this.stopAccepting();
    const deadline = Date.now() + graceMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    this.server.closeAllConnections();
    await this.closed;
  }
}
