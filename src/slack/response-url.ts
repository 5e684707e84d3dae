// Posts a message to a Slack response URL (the one a click or a command carries, valid 30 minutes for
// up to 5 answers): the only way to replace an ephemeral message, which chat.update cannot reach.
// Used after a modal submission, where Bolt's `respond` is not available. Never throws.
import { slackFetch } from './web-fetch.js';

export type ResponseUrlOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export async function postToResponseUrl(
  url: string,
  message: Record<string, unknown>,
  timeoutMs = 10_000,
): Promise<ResponseUrlOutcome> {
  try {
    const res = await slackFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Slack answers 200 `ok`, or 404 with `expired_url` / `used_url`; the body is not JSON.
    if (res.ok) return { ok: true };
    const reason = (await res.text().catch(() => '')).slice(0, 40) || `http_${res.status}`;
    return { ok: false, reason };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.name : 'error' };
  }
}
