// Core port: Emoji reactions on the bot's posts.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.
import type { Platform } from './chat.js';

export interface ReactionInput {
  readonly platform: Platform;
  /** The post reacted to (see `postRefKey`). */
  readonly postRef: string;
  readonly emoji: string;
  readonly userId: string;
  readonly memberId: string | null;
  readonly added: boolean;
  readonly at: string;
}

export interface ReactionsRepo {
  /** Adds (or restores) or removes one user's emoji on a post; true when something changed. */
  set(input: ReactionInput): Promise<boolean>;
  /** Emoji counts on a post (removed reactions left out), most used first. */
  tally(platform: Platform, postRef: string): Promise<{ emoji: string; count: number }[]>;
}
