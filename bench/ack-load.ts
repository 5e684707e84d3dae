// The client side of the `ack` benchmark, in its own process so its timers and sockets never share an
// event loop with the app it measures:
//   node --import tsx bench/ack-load.ts PLAN.json
// PLAN.json: { baseUrl, secret, afterHealthz, requests: [{ at, kind, path, contentType, body, signed }] }. Each request
// leaves at its planned offset (open loop: a slow answer never delays the next request), Slack ones
// signed just before they leave. Prints one JSON line: per request its kind, status, milliseconds from
// leaving to the end of the answer, how late it left, and whether the answer was an error for the user.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { slackSignature } from '../test/helpers/slack-sign.js';

export interface PlannedRequest {
  /** ms after the start. */
  readonly at: number;
  readonly kind: string;
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
  readonly signed: boolean;
}

export interface AckPlan {
  readonly baseUrl: string;
  readonly secret: string;
  readonly requests: readonly PlannedRequest[];
  /**
   * Start on the bot's first /healthz 200 (polled every 2 ms) instead of at once: the bot is started
   * after this process says `ready` over IPC, so the first seconds of its life are measured.
   */
  readonly afterHealthz?: boolean;
}

export interface AckSample {
  readonly kind: string;
  readonly status: number;
  readonly ms: number;
  readonly lateMs: number;
  /** The answer carried an error for the user (Slack `response_action: errors`, a Teams error invoke). */
  readonly refused: boolean;
}

const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as AckPlan;
const url = new URL(plan.baseUrl);
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function send(r: PlannedRequest, t0: number): Promise<AckSample> {
  const headers: Record<string, string | number> = {
    'content-type': r.contentType,
    'content-length': Buffer.byteLength(r.body),
  };
  if (r.signed) {
    const ts = Math.floor(Date.now() / 1000);
    headers['x-slack-request-timestamp'] = ts;
    headers['x-slack-signature'] = slackSignature(plan.secret, ts, r.body);
  }
  const left = performance.now();
  const lateMs = left - (t0 + r.at);
  return new Promise((resolve) => {
    const req = request({ host: url.hostname, port: url.port, path: r.path, method: 'POST', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const refused = /"response_action":"errors"|application\/vnd\.microsoft\.error/.test(text);
        resolve({ kind: r.kind, status: res.statusCode ?? 0, ms: performance.now() - left, lateMs, refused });
      });
    });
    req.on('error', () => resolve({ kind: r.kind, status: 0, ms: performance.now() - left, lateMs, refused: false }));
    req.end(r.body);
  });
}

async function healthy(): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, path: '/healthz', method: 'GET' }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 2));
  }
}

if (plan.afterHealthz) {
  process.send?.({ type: 'ready' });
  await healthy();
}
const t0 = performance.now();
const pending: Promise<AckSample>[] = [];
for (const r of plan.requests) {
  const wait = t0 + r.at - performance.now();
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  pending.push(send(r, t0));
}
const samples = await Promise.all(pending);
agent.destroy();
process.stdout.write(`${JSON.stringify({ samples, seconds: (performance.now() - t0) / 1000 })}\n`);
if (process.connected) process.disconnect();
