// Signs requests to /slack/events with Slack's real v0 algorithm (HMAC-SHA256 of `v0:ts:body`), and
// builds the bodies Slack sends: JSON events, form-encoded slash commands and interactivity payloads.
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackPost {
  readonly body: string;
  readonly contentType: string;
}

export const jsonBody = (payload: unknown): SlackPost => ({
  body: JSON.stringify(payload),
  contentType: 'application/json',
});

export const interactionBody = (payload: unknown): SlackPost => ({
  body: `payload=${encodeURIComponent(JSON.stringify(payload))}`,
  contentType: 'application/x-www-form-urlencoded',
});

export const formBody = (fields: Record<string, string>): SlackPost => ({
  body: new URLSearchParams(fields).toString(),
  contentType: 'application/x-www-form-urlencoded',
});

export interface PostOptions {
  readonly secret: string;
  /** Seconds since the epoch; default now. */
  readonly timestamp?: number;
  /** Override the signature (forged requests). */
  readonly signature?: string | null;
  readonly omitTimestamp?: boolean;
  readonly headers?: Record<string, string>;
}

export interface SlackResponse {
  readonly status: number;
  readonly text: string;
  json(): any;
}

/** POSTs a signed request to `${baseUrl}/slack/events` over real HTTP. */
export async function postSigned(baseUrl: string, post: SlackPost, opts: PostOptions): Promise<SlackResponse> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': post.contentType, ...opts.headers };
  if (!opts.omitTimestamp) headers['x-slack-request-timestamp'] = String(ts);
  const sig = opts.signature === undefined ? slackSignature(opts.secret, ts, post.body) : opts.signature;
  if (sig !== null) headers['x-slack-signature'] = sig;
  const res = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body: post.body });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}
