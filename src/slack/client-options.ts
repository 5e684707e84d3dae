// Web API client settings. The gateway's client never retries and rejects rate-limited calls at once,
// so the outbox decides when to try again; the listeners' client retries briefly (a modal's trigger id
// lives 3 seconds, an ephemeral answer 30 minutes). Both send through web-fetch.ts (cheaper per call).
import type { webApi } from '@slack/bolt';
import { slackFetch } from './web-fetch.js';

/** `https://proxy.example/api` -> `https://proxy.example/api/` (the client appends the method name). */
export function apiBaseUrl(apiUrl: string | undefined): string | undefined {
  if (!apiUrl) return undefined;
  return apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
}

export function gatewayClientOptions(apiUrl: string | undefined): webApi.WebClientOptions {
  return {
    ...(apiBaseUrl(apiUrl) ? { slackApiUrl: apiBaseUrl(apiUrl) } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    fetch: slackFetch,
  };
}

export function listenerClientOptions(apiUrl: string | undefined): webApi.WebClientOptions {
  return {
    ...(apiBaseUrl(apiUrl) ? { slackApiUrl: apiBaseUrl(apiUrl) } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
    timeout: 10_000,
    fetch: slackFetch,
  };
}
