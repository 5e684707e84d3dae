// A ChatGateway that talks HTTP to the fake chat API (Slack's wire shape): a DM goes to channel
// `D-{member}`, a team post to `C-{team}`, the neutral view's `text` is the message. It maps answers to
// outcomes the way the real adapters do: 429 -> rate_limited (Retry-After), 5xx and network errors ->
// failed_transient, other 4xx or `ok: false` -> failed_permanent.
import type { ChatGateway, Destination, MessageRef, Platform, SendOutcome } from '../src/core/ports/index.js';

export interface HttpChatGatewayOptions {
  readonly baseUrl: string;
  readonly platform?: Platform;
  readonly timeoutMs?: number;
}

export const channelOf = (d: Destination): string => (d.kind === 'dm' ? `D-${d.memberId}` : `C-${d.teamId}`);

const textOf = (view: unknown): string =>
  view !== null && typeof view === 'object' && typeof (view as { text?: unknown }).text === 'string'
    ? (view as { text: string }).text
    : '';

function retryAfterMs(header: string | null): number {
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}

export function createHttpChatGateway(opts: HttpChatGatewayOptions): ChatGateway {
  const platform = opts.platform ?? 'slack';
  const timeoutMs = opts.timeoutMs ?? 10_000;

  async function call(
    method: string,
    body: Record<string, unknown>,
  ): Promise<{ outcome: SendOutcome } | { ok: true; data: Record<string, unknown> }> {
    let res: Response;
    try {
      res = await fetch(`${opts.baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      return {
        outcome: {
          status: 'failed_transient',
          code: 'NETWORK',
          reason: err instanceof Error ? err.message : String(err),
        },
      };
    }
    const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.status === 429)
      return { outcome: { status: 'rate_limited', retryAfterMs: retryAfterMs(res.headers.get('retry-after')) } };
    const error = typeof data.error === 'string' ? data.error : `http_${res.status}`;
    if (res.status >= 500)
      return { outcome: { status: 'failed_transient', code: `HTTP_${res.status}`, reason: error } };
    if (res.status >= 400 || data.ok !== true)
      return { outcome: { status: 'failed_permanent', code: error.toUpperCase(), reason: error } };
    return { ok: true, data };
  }

  return {
    platform,
    async send(destination, view) {
      const channel = channelOf(destination);
      const r = await call('chat.postMessage', { channel, text: textOf(view) });
      if ('outcome' in r) return r.outcome;
      return { status: 'sent', ref: { platform, conversation: channel, id: String(r.data.ts) } };
    },
    async update(ref: MessageRef, view) {
      const r = await call('chat.update', { channel: ref.conversation, ts: ref.id, text: textOf(view) });
      if ('outcome' in r) return r.outcome;
      return { status: 'sent', ref };
    },
  };
}
