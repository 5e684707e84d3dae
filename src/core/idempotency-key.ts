// The one way adapters name a submission for the core's idempotency (check-ins, decisions, target
// changes): the surface, the id the platform gives that interaction, and, where one interaction can
// carry different answers (a sandbox dialog submitted again after a correction), a digest of what was
// typed. Always derived from the request, never from the time: a replay must produce the same key.
import { createHash } from 'node:crypto';

export type SubmissionSource = 'slack' | 'teams' | 'sandbox';

/** A short, stable digest of plain JSON data (same data, same digest). */
export function contentDigest(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
}

/**
 * `slack:{view id}:{view hash}`, `teams:{activity id}`, `sandbox:{form id}:{digest of the answers}`.
 * `interaction` parts are joined with `:`; `content`, when given, adds its digest.
 */
export function submissionKey(source: SubmissionSource, interaction: readonly string[], content?: unknown): string {
  return [source, ...interaction, ...(content === undefined ? [] : [contentDigest(content)])].join(':');
}
