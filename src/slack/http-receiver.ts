// Bolt receiver mounted on our one HTTP server (POST /slack/events carries events, slash commands and
// interactivity). It reads the raw body with a size limit, always verifies Slack's signature (401 and
// nothing processed otherwise), answers url_verification and ssl_check, refuses malformed envelopes
// (400, see envelope.ts), and hands the rest to Bolt with an ack that writes the HTTP response:
// listeners ack first and do slow work after.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { readBody, sendJson } from '../http/server.js';
import { envelopeProblem } from './envelope.js';
import { errorFields, type SlackLog } from './log.js';
import { verifySignature } from './signature.js';

export interface HttpReceiverOptions {
  readonly signingSecret: string;
  readonly log: SlackLog;
  readonly now?: () => number;
  /** Slack's payloads are small; 1 MB is plenty and bounds memory. */
  readonly bodyLimit?: number;
}

const ACK_DEADLINE_MS = 3_000;

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Events come as JSON; commands as form fields; interactivity as a form field `payload` holding JSON. */
export function parseSlackBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8');
  if ((contentType ?? '').includes('application/json')) return JSON.parse(text) as Record<string, unknown>;
  const form = new URLSearchParams(text);
  const payload = form.get('payload');
  if (payload !== null) return JSON.parse(payload) as Record<string, unknown>;
  return Object.fromEntries(form.entries());
}

export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private readonly now: () => number;

  constructor(private readonly opts: HttpReceiverOptions) {
    this.now = opts.now ?? Date.now;
  }

  init(app: App): void {
    this.app = app;
  }

  // The HTTP server belongs to the process (app.ts starts and stops it): nothing to do here.
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** The route handler for `POST /slack/events`. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { log } = this.opts;
    const raw = await readBody(req, this.opts.bodyLimit ?? 1_000_000);
    const check = verifySignature({
      signingSecret: this.opts.signingSecret,
      timestamp: header(req, 'x-slack-request-timestamp'),
      signature: header(req, 'x-slack-signature'),
      rawBody: raw,
      nowMs: this.now(),
    });
    if (!check.ok) {
      log.warn({ reason: check.reason }, 'slack request refused: signature check failed');
      res.writeHead(401).end();
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = parseSlackBody(raw, header(req, 'content-type'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      res.writeHead(400).end();
      return;
    }
    if (body.ssl_check === '1') {
      res.writeHead(200).end();
      return;
    }
    if (body.type === 'url_verification') {
      sendJson(res, 200, { challenge: body.challenge });
      return;
    }
    const problem = envelopeProblem(body);
    if (problem) {
      log.warn({ reason: problem }, 'slack request refused: malformed body');
      res.writeHead(400).end();
      return;
    }
    if (!this.app) {
      res.writeHead(503).end();
      return;
    }

    let acked = false;
    const respond = (response: unknown) => {
      if (res.headersSent) return;
      if (response === undefined || response === null || response === '') res.writeHead(200).end();
      else if (typeof response === 'string')
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(response);
      else sendJson(res, 200, response);
    };
    const timer = setTimeout(() => {
      if (!acked) log.warn({ type: body.type }, 'slack request not acknowledged within 3 s');
    }, ACK_DEADLINE_MS);
    timer.unref();
    const retryNum = Number(header(req, 'x-slack-retry-num'));
    const event: ReceiverEvent = {
      body,
      retryNum: Number.isFinite(retryNum) ? retryNum : undefined,
      retryReason: header(req, 'x-slack-retry-reason'),
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        clearTimeout(timer);
        respond(response);
      },
    };
    try {
      await this.app.processEvent(event);
    } catch (err) {
      log.error({ err: errorFields(err), type: body.type }, 'slack request failed');
      if (!acked && !res.headersSent) {
        acked = true;
        res.writeHead(500).end();
      }
    } finally {
      clearTimeout(timer);
      // Nothing listened (an unknown action, an event we do not use): Slack only needs a 200.
      if (!acked && !res.headersSent) res.writeHead(200).end();
    }
  };
}
