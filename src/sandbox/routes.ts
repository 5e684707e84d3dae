// The sandbox's HTTP routes on the one server: the page, its static files, and a small JSON API the
// page calls (state, commands, buttons, forms, reactions, clock, reset, running a review now). Bodies are checked with zod;
// POSTs must be JSON from this page (a cross-site form or script cannot forge them).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { RITUAL_IDS } from '../core/domain/model.js';
import { HttpError, type HttpServer, readBody, sendJson } from '../http/server.js';
import type { SandboxApi } from './api.js';

const member = z.string().min(1).max(100);
const schemas = {
  command: z.object({ member, text: z.string().trim().min(1).max(500) }),
  action: z.object({
    member,
    action: z.string().min(1).max(50),
    value: z.string().max(2000),
    message: z.string().max(40).optional(),
  }),
  checkin: z.object({
    member,
    formId: z.string().min(1).max(100),
    metadata: z.string().max(3000),
    numbers: z.record(z.string().max(100), z.string().max(100)),
    wins: z.string().max(5000).optional(),
    blockers: z.string().max(5000).optional(),
  }),
  decision: z.object({
    member,
    formId: z.string().min(1).max(100),
    metadata: z.string().max(3000),
    kind: z.string().max(30),
    text: z.string().max(5000),
  }),
  target: z.object({
    member,
    formId: z.string().min(1).max(100),
    metadata: z.string().max(3000),
    target: z.string().max(100),
    reason: z.string().max(5000).optional(),
  }),
  reaction: z.object({
    member,
    message: z.string().min(1).max(40),
    emoji: z.string().min(1).max(40),
    added: z.boolean(),
  }),
  clock: z.object({
    member: member.optional(),
    advance: z.enum(['next', 'day', 'week']),
    ritual: z.enum(RITUAL_IDS as [string, ...string[]]).optional(),
    confirm: z.boolean().optional(),
  }),
  // What the guided start runs on demand: the reviews a rep cannot wait a month for.
  run: z.object({ member, ritual: z.enum(['monthly_review', 'qbr', 'progress', 'leaderboard']) }),
  reset: z.object({ member: member.optional() }),
};
export type SandboxRequests = { [K in keyof typeof schemas]: z.infer<(typeof schemas)[K]> };

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src-elem 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function sendText(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...SECURITY_HEADERS });
  res.end(body);
}

/** Only same-origin JSON: a browser cannot send a cross-site JSON POST without a CORS preflight we never grant. */
async function jsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json'))
    throw new HttpError(415, 'expected application/json');
  if (req.headers['sec-fetch-site'] === 'cross-site') throw new HttpError(403, 'cross-site request refused');
  const origin = req.headers.origin;
  if (origin && origin !== 'null' && new URL(origin).host !== req.headers.host)
    throw new HttpError(403, 'cross-origin request refused');
  let data: unknown;
  try {
    data = JSON.parse((await readBody(req, 200_000)).toString('utf8'));
  } catch {
    throw new HttpError(400, 'malformed JSON');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new HttpError(
      400,
      `invalid request: ${parsed.error.issues.map((i) => i.path.join('.') || 'body').join(', ')}`,
    );
  return parsed.data;
}

export function registerSandboxRoutes(http: HttpServer, api: SandboxApi): void {
  http.add({
    method: 'GET',
    path: '/',
    handler: (req, res, url) =>
      sendText(
        res,
        200,
        'text/html; charset=utf-8',
        api.page(url.searchParams.get('member'), url.searchParams.get('lang'), req.headers['accept-language']),
      ),
  });
  http.add({
    method: 'GET',
    path: '/sandbox/static/*',
    handler: (_req, res, url) => {
      const file = api.staticFile(url.pathname.slice('/sandbox/static/'.length));
      if (!file) throw new HttpError(404, 'not found');
      sendText(res, 200, file.type, file.body);
    },
  });
  http.add({
    method: 'GET',
    path: '/sandbox/charts/png',
    handler: async (_req, res, url) => {
      const png = await api.chart(url.searchParams.get('id'), url.searchParams.get('locale'));
      if (!png) throw new HttpError(404, 'no such chart');
      // A chart is drawn as of the sandbox time: the browser may keep it a few minutes.
      res.writeHead(200, {
        'content-type': 'image/png',
        'content-length': png.length,
        'cache-control': 'private, max-age=300',
        'x-content-type-options': 'nosniff',
      });
      res.end(png);
    },
  });
  http.add({
    method: 'GET',
    path: '/sandbox/api/state',
    handler: (_req, res, url) => {
      const q = url.searchParams;
      sendJson(res, 200, api.state(q.get('member'), q.get('thread'), q.get('v')));
    },
  });
  const post = <K extends keyof typeof schemas>(name: K, fn: (body: SandboxRequests[K]) => Promise<unknown>) =>
    http.add({
      method: 'POST',
      path: `/sandbox/api/${name}`,
      handler: async (req, res) =>
        sendJson(res, 200, await fn((await jsonBody(req, schemas[name])) as SandboxRequests[K])),
    });
  post('command', (b) => api.command(b));
  post('action', (b) => api.action(b));
  post('checkin', (b) => api.checkIn(b));
  post('decision', (b) => api.decision(b));
  post('target', (b) => api.targetChange(b));
  post('reaction', (b) => api.reaction(b));
  post('clock', (b) => api.clock(b));
  post('reset', (b) => api.reset(b));
  post('run', (b) => api.run(b));
}
