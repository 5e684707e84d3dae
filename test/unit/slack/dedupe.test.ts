// The Slack adapter's de-duplication in front of the store: memory answers first (a retry seen here costs
// no query), the store decides for keys this process has not seen, a failing store never blocks an event
// (logged; memory still dedupes), and expired keys are pruned at most once per interval.
import { describe, expect, it } from 'vitest';
import { createSlackDedupe } from '../../../src/slack/dedupe.js';
import type { ProcessedKeysRepo } from '../../../src/store/processed-keys.repo.js';

/** An in-memory stand-in for the store's processed keys that records each call. */
function recordingKeys(opts: { fail?: boolean; taken?: string[] } = {}) {
  const held = new Set(opts.taken ?? []);
  const calls: string[] = [];
  const repo: ProcessedKeysRepo = {
    async claim(key) {
      calls.push(`claim ${key}`);
      if (opts.fail) throw new Error('connection refused');
      if (held.has(key)) return false;
      held.add(key);
      return true;
    },
    async seen(key) {
      calls.push(`seen ${key}`);
      if (opts.fail) throw new Error('connection refused');
      return held.has(key);
    },
    async prune(before) {
      calls.push(`prune ${before}`);
      return 0;
    },
  };
  return { repo, calls };
}

function recordingLog() {
  const warnings: string[] = [];
  const noop = () => undefined;
  return {
    log: { info: noop, debug: noop, error: noop, warn: (_o: unknown, msg: string) => warnings.push(msg) },
    warnings,
  };
}

describe('Slack de-duplication', () => {
  it('asks the store once per new event id, and not again for a retry seen here', async () => {
    const { repo, calls } = recordingKeys();
    const d = createSlackDedupe({ keys: repo, log: recordingLog().log });
    expect(await d.firstDelivery('Ev1')).toBe(true);
    expect(await d.firstDelivery('Ev1')).toBe(false);
    expect(calls).toEqual(['claim slack:event:Ev1']);
  });

  it('drops an event another process claimed, and remembers it', async () => {
    const { repo, calls } = recordingKeys({ taken: ['slack:event:Ev9'] });
    const d = createSlackDedupe({ keys: repo, log: recordingLog().log });
    expect(await d.firstDelivery('Ev9')).toBe(false);
    expect(await d.firstDelivery('Ev9')).toBe(false);
    expect(calls).toEqual(['claim slack:event:Ev9']);
  });

  it('handles an event when the store fails (logged), and memory still drops its retry', async () => {
    const { repo } = recordingKeys({ fail: true });
    const { log, warnings } = recordingLog();
    const d = createSlackDedupe({ keys: repo, log });
    expect(await d.firstDelivery('Ev2')).toBe(true);
    expect(await d.firstDelivery('Ev2')).toBe(false);
    expect(warnings).toEqual(['slack event dedupe store unavailable, memory only']);
    // A submission is still recorded in memory, and a failing lookup does not call it handled.
    await d.markSubmissionHandled('slack:V1:h');
    expect(await d.submissionHandled('slack:V1:h')).toBe(true);
    expect(await d.submissionHandled('slack:V2:h')).toBe(false);
  });

  it('finds a submission another process applied, then answers from memory', async () => {
    const { repo, calls } = recordingKeys({ taken: ['slack:V3:h'] });
    const d = createSlackDedupe({ keys: repo, log: recordingLog().log });
    expect(await d.submissionHandled('slack:V3:h')).toBe(true);
    expect(await d.submissionHandled('slack:V3:h')).toBe(true);
    expect(await d.submissionHandled('slack:V4:h')).toBe(false);
    await d.markSubmissionHandled('slack:V4:h');
    expect(await d.submissionHandled('slack:V4:h')).toBe(true);
    expect(calls).toEqual(['seen slack:V3:h', 'seen slack:V4:h', 'claim slack:V4:h']);
  });

  it('prunes expired keys at most once per interval, after the claim', async () => {
    let now = Date.parse('2026-03-02T09:00:00.000Z');
    const { repo, calls } = recordingKeys();
    const d = createSlackDedupe({ keys: repo, log: recordingLog().log, now: () => now, pruneEveryMs: 60_000 });
    await d.firstDelivery('Ev1');
    now += 59_999;
    await d.firstDelivery('Ev2');
    now += 1;
    await d.firstDelivery('Ev3');
    await d.firstDelivery('Ev4');
    await d.idle();
    expect(calls.filter((c) => c.startsWith('prune'))).toEqual(['prune 2026-03-02T09:01:00.000Z']);
  });

  it('without a store, memory alone', async () => {
    const d = createSlackDedupe({ log: recordingLog().log });
    expect(await d.firstDelivery('Ev1')).toBe(true);
    expect(await d.firstDelivery('Ev1')).toBe(false);
    expect(await d.submissionHandled('k')).toBe(false);
    await d.markSubmissionHandled('k');
    expect(await d.submissionHandled('k')).toBe(true);
  });
});
