// The messages between the web thread (answers Slack and Teams) and the background worker thread
// (scheduler, engine, outbox sender). Plain data only: they cross threads by structured clone.
import type { AppConfig } from '../config/env.js';
import type { LoadedWorkspace } from '../config/workspace-load.js';
import type { RitualId } from '../core/domain/model.js';
import type { OnDemandRun } from '../core/rituals/create-core.js';
import type { CheckInFollowUp } from '../slack/check-in-follow-up.js';

/** What the worker is started with (workerData). */
export interface BackgroundStart {
  /** The process's config, chart link key included so both threads sign and check the same links. */
  readonly config: AppConfig & { readonly chartUrlSecret: string };
  /** The workspace config as the web thread read it at start (the worker reads the file on a reload). */
  readonly workspace?: LoadedWorkspace;
}

export type ToBackground =
  /** Rows were queued: wake the sender now instead of at its next poll. */
  | { readonly type: 'kick' }
  /** A check-in or an import changed a team's values: scan its breaches soon (coalesced per team). */
  | { readonly type: 'scan'; readonly teamId: string }
  /** A manager's "run" from chat: answered with a `result` of the same id. */
  | {
      readonly type: 'run';
      readonly id: number;
      readonly teamId: string;
      readonly ritual: RitualId;
      readonly now: string;
    }
  /** A Slack check-in was answered: its confirmation and Home tab refresh, sent from there. */
  | { readonly type: 'slack-follow-up'; readonly job: CheckInFollowUp }
  /** The workspace file changed and the store is synced: read it again. */
  | { readonly type: 'reload' }
  /** Stop firing, finish or release the claimed rows, close the store, answer `stopped`. */
  | { readonly type: 'stop' };

/** A DomainError's fields, so the web side can rebuild it and answer in the user's language. */
export interface RemoteError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type FromBackground =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: OnDemandRun }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly error: RemoteError }
  /** A Metrics call made over there (sends, failures, ritual runs), replayed on the web side's /metrics. */
  | { readonly type: 'metric'; readonly name: string; readonly args: readonly (string | number)[] }
  /** A chart PNG published for a Teams card: the web side's /charts route serves it. */
  | { readonly type: 'chart'; readonly path: string; readonly png: Uint8Array }
  | { readonly type: 'stopped' }
  /** The worker could not start (bad config, store): the web side stops too. */
  | { readonly type: 'failed'; readonly message: string };
