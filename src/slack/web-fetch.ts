// The `fetch` the Slack Web API clients call. Their calls are small form-encoded POSTs answered with
// JSON; Node's built-in fetch spends close to a millisecond of CPU on each (web streams, its own
// dispatcher), more than the rest of a button click. This one sends them with node:http(s) over
// keep-alive agents and answers the parts of a Response the client reads (status, headers, body).
// Anything else (a multipart file upload, a body that is not a string) goes to the built-in fetch.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { webApi } from '@slack/bolt';

type FetchInit = NonNullable<Parameters<webApi.FetchFunction>[1]>;
type FetchResponse = Awaited<ReturnType<webApi.FetchFunction>>;

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

/** The part of a fetch Response the Slack client uses, over a body already read. */
class BufferedResponse implements FetchResponse {
  readonly ok: boolean;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  async text(): Promise<string> {
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8')) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.body.buffer.slice(this.body.byteOffset, this.body.byteOffset + this.body.byteLength) as ArrayBuffer;
  }
}

function headersOf(res: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/** A fetch for small string-bodied requests; falls back to the built-in one for anything else. */
export const slackFetch: webApi.FetchFunction = (input, init: FetchInit = {}) => {
  const body = init.body;
  if (body !== undefined && typeof body !== 'string') return fetch(input, init);
  const url = new URL(String(input));
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fetch(input, init);
  const signal = init.signal;
  return new Promise<FetchResponse>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const headers: Record<string, string> = { ...init.headers };
    if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
    const https = url.protocol === 'https:';
    const req = (https ? httpsRequest : httpRequest)(url, {
      method: init.method ?? 'GET',
      headers,
      agent: https ? httpsAgent : httpAgent,
    });
    const onAbort = () =>
      req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('The operation was aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    req.on('error', (err) => {
      done();
      reject(new TypeError('fetch failed', { cause: err }));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location && init.redirect !== 'manual') {
        // The client asks for `redirect: error`; following one is not a Web API call's business.
        res.resume();
        done();
        reject(new TypeError('fetch failed', { cause: new Error(`unexpected redirect to ${res.headers.location}`) }));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => {
        done();
        reject(new TypeError('fetch failed', { cause: err }));
      });
      res.on('end', () => {
        done();
        resolve(new BufferedResponse(url.href, status, res.statusMessage ?? '', headersOf(res), Buffer.concat(chunks)));
      });
    });
    req.end(body);
  });
};
