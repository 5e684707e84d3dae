// The express-like request/response pair CloudAdapter.process() expects, over node's own
// IncomingMessage/ServerResponse: the body is read (with a size limit) and parsed before the SDK sees it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readBody } from '../http/server.js';

/** What botbuilder's `Request` needs: a parsed body, the headers, the method. */
export interface ShimRequest {
  body?: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  method?: string;
}

/** What botbuilder's `Response` needs: status(), header(), send(), end() and the socket. */
export interface ShimResponse {
  socket: unknown;
  status(code: number): ShimResponse;
  header(name: string, value: unknown): ShimResponse;
  send(body?: unknown): ShimResponse;
  end(): ShimResponse;
}

/** Activities are small JSON documents; anything bigger is refused before parsing. */
export const MAX_ACTIVITY_BYTES = 512 * 1024;

export async function shimRequest(req: IncomingMessage, limit = MAX_ACTIVITY_BYTES): Promise<ShimRequest> {
  const raw = await readBody(req, limit);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(400, 'body is not a JSON object');
  return { body: body as Record<string, unknown>, headers: req.headers, method: req.method };
}

export function shimResponse(res: ServerResponse): ShimResponse {
  let status = 200;
  const headers: Record<string, string> = {};
  let chunk: string | undefined;
  const shim: ShimResponse = {
    socket: res.socket,
    status(code) {
      status = code;
      return shim;
    },
    header(name, value) {
      headers[name.toLowerCase()] = String(value);
      return shim;
    },
    send(body) {
      if (body === undefined || body === null) return shim;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        chunk = body.toString();
        headers['content-type'] ??= 'text/plain; charset=utf-8';
      } else {
        chunk = JSON.stringify(body);
        headers['content-type'] = 'application/json; charset=utf-8';
      }
      return shim;
    },
    end() {
      if (res.writableEnded) return shim;
      if (chunk !== undefined) headers['content-length'] = String(Buffer.byteLength(chunk));
      res.writeHead(status, headers);
      res.end(chunk);
      return shim;
    },
  };
  return shim;
}
