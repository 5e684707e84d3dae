// Core port: Chat: where views go, how a send went, and the gateway each platform implements.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.

export type Platform = 'slack' | 'teams' | 'sandbox';

/** Where a message goes: a member's direct messages, or a team's channel. */
export type Destination =
  | { readonly kind: 'dm'; readonly memberId: string }
  | { readonly kind: 'channel'; readonly teamId: string };

/** A sent message, enough for the adapter to update it or match reactions to it. Opaque to the core. */
export interface MessageRef {
  readonly platform: Platform;
  /** Slack channel id / Teams conversation id / sandbox thread id. */
  readonly conversation: string;
  /** Slack ts / Teams activity id / sandbox message id. */
  readonly id: string;
  /** The Slack workspace (team id) the message lives in, when the app is installed in several. */
  readonly workspace?: string;
}

export type SendOutcome =
  | { readonly status: 'sent'; readonly ref: MessageRef }
  /** `scope: 'global'` when the platform says the whole app is throttled; otherwise only this conversation waits. */
  | { readonly status: 'rate_limited'; readonly retryAfterMs: number; readonly scope?: 'conversation' | 'global' }
  /** Will never succeed as is (channel not found, bot removed, user inactive): park and tell the admins. */
  | { readonly status: 'failed_permanent'; readonly code: string; readonly reason: string }
  /** May succeed later (5xx, network): retry with backoff and jitter. */
  | { readonly status: 'failed_transient'; readonly code: string; readonly reason: string };

/**
 * What the core needs from a chat platform. `view` is one of the neutral views of core/view-models.ts;
 * the adapter renders it (Block Kit, Adaptive Card, HTML) and resolves member and team ids to the
 * platform's user and channel ids. Implementations never throw for platform errors: they report them.
 */
export interface ChatGateway {
  readonly platform: Platform;
  send(destination: Destination, view: unknown): Promise<SendOutcome>;
  update(ref: MessageRef, view: unknown): Promise<SendOutcome>;
}

/** The reactions key of a sent message. */
export function postRefKey(ref: MessageRef): string {
  return `${ref.conversation}|${ref.id}`;
}
