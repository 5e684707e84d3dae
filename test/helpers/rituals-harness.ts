// A ritual core built by the composition root (src/compose/build-core.ts) on a real migrated in-memory
// store, with the fake clock, the real outbox repository and sender, and a recording chat gateway: what
// the tests drive and what they read back.
import { buildCore } from '../../src/compose/build-core.js';
import { parseWorkspace } from '../../src/config/workspace-load.js';
import type { Workspace } from '../../src/core/domain/model.js';
import type {
  ChartCatalog,
  ChatGateway,
  Clock,
  CoreLogger,
  Destination,
  MessageRef,
  OutboxPort,
  Platform,
  SendOutcome,
} from '../../src/core/ports/index.js';
import type { RitualsCore } from '../../src/core/rituals/create-core.js';
import type { View } from '../../src/core/view-models.js';
import type { Store } from '../../src/store/connection.js';
import type { OutboxRepo } from '../../src/store/outbox.repo.js';
import { FakeClock } from './clock.js';
import { memoryStore } from './store.js';

export interface Delivered {
  readonly at: string;
  readonly op: 'send' | 'update';
  /** `dm:hugo`, `channel:paris`, or the updated message's conversation. */
  readonly to: string;
  readonly view: View;
  readonly ref: MessageRef;
}

/** Records every send and update; each message gets a sequential id. */
export class RecordingGateway implements ChatGateway {
  readonly delivered: Delivered[] = [];
  private n = 0;
  constructor(
    readonly platform: Platform,
    private readonly clock: Clock,
  ) {}
  async send(destination: Destination, view: unknown): Promise<SendOutcome> {
    const to = destination.kind === 'dm' ? `dm:${destination.memberId}` : `channel:${destination.teamId}`;
    const ref = { platform: this.platform, conversation: to, id: `m${++this.n}` };
    this.delivered.push({ at: this.clock.now().toISOString(), op: 'send', to, view: view as View, ref });
    return { status: 'sent', ref };
  }
  async update(ref: MessageRef, view: unknown): Promise<SendOutcome> {
    this.delivered.push({
      at: this.clock.now().toISOString(),
      op: 'update',
      to: ref.conversation,
      view: view as View,
      ref,
    });
    return { status: 'sent', ref };
  }
}

export interface LogLine {
  readonly level: string;
  readonly obj: Record<string, unknown>;
  readonly msg: string;
}

export function recordingLogger(lines: LogLine[] = []): CoreLogger & { lines: LogLine[] } {
  const at = (level: string) => (obj: Record<string, unknown>, msg: string) => void lines.push({ level, obj, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

export function workspaceFromYaml(yaml: string): Workspace {
  const parsed = parseWorkspace(yaml, 'test.yaml');
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`).join('\n'));
  return parsed.workspace;
}

export interface Harness {
  readonly store: Store;
  readonly core: RitualsCore;
  readonly clock: FakeClock;
  readonly outbox: OutboxRepo;
  readonly gateway: RecordingGateway;
  readonly log: ReturnType<typeof recordingLogger>;
  workspace(): Workspace;
  /** Replaces the config (as a hot reload does: synced into the store first). */
  reload(ws: Workspace): Promise<void>;
  /** Sets the clock and ticks. */
  tick(at: string | Date): ReturnType<RitualsCore['engine']['tick']>;
  /** Delivers every ready outbox row with the real sender; returns what was delivered. */
  drain(): Promise<Delivered[]>;
  /** Members no platform reaches. */
  readonly unreachable: Set<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly graceMinutes?: number;
  /** Wraps the outbox the core writes to (to inject failures). */
  readonly wrapOutbox?: (outbox: OutboxRepo) => OutboxPort;
  /** The chart catalog reviews list their charts from, built on the harness's store. */
  readonly charts?: (store: Store, workspace: () => Workspace) => ChartCatalog;
}

export async function ritualsHarness(ws: Workspace, start: string, opts: HarnessOptions = {}): Promise<Harness> {
  const store = await memoryStore();
  let current = ws;
  await store.workspace.sync(current, { actor: 'test', at: start });
  const clock = new FakeClock(new Date(start));
  const gateway = new RecordingGateway('sandbox', clock);
  const log = recordingLogger();
  const unreachable = new Set<string>();
  const { core, outbox, sender } = buildCore({
    store,
    workspace: () => current,
    log,
    clock,
    platformFor: (d) => (d.kind === 'dm' && unreachable.has(d.memberId) ? undefined : 'sandbox'),
    gateways: { sandbox: gateway },
    sender: { concurrency: 1, random: () => 0 },
    ...(opts.wrapOutbox ? { wrapOutbox: opts.wrapOutbox } : {}),
    ...(opts.graceMinutes !== undefined ? { graceMinutes: opts.graceMinutes } : {}),
    ...(opts.charts ? { charts: opts.charts(store, () => current) } : {}),
  });
  return {
    store,
    core,
    clock,
    outbox,
    gateway,
    log,
    unreachable,
    workspace: () => current,
    async reload(next) {
      await store.workspace.sync(next, { actor: 'test', at: clock.now().toISOString() });
      current = next;
    },
    tick(at) {
      clock.set(at);
      return core.engine.tick(clock.now());
    },
    async drain() {
      const before = gateway.delivered.length;
      await sender.drainOnce();
      return gateway.delivered.slice(before);
    },
    async close() {
      await store.close();
    },
  };
}

/** A compact line per delivered message: `time op to type key`. */
export function describeDelivery(d: Delivered): string {
  const v = d.view as View & { periodKey?: string; breachId?: number };
  const key = v.type === 'breach_nudge' || v.type === 'escalation' ? `b${v.breachId}` : (v.periodKey ?? '');
  return `${d.at.slice(0, 16)}Z ${d.op} ${d.to} ${v.type}${key ? ` ${key}` : ''}`;
}

/**
 * Advances the fake clock from one due instant to the next up to `end`, ticking and delivering at each;
 * `before(at)` runs before each tick (simulated people acting). Returns everything delivered.
 */
export async function runUntil(h: Harness, end: string, before?: (next: Date) => Promise<void>): Promise<Delivered[]> {
  const out: Delivered[] = [];
  const stop = new Date(end).getTime();
  for (;;) {
    const next = await h.core.engine.nextDue(h.clock.now());
    if (!next || next.getTime() > stop) break;
    if (before) await before(next);
    await h.tick(next);
    out.push(...(await h.drain()));
  }
  h.clock.set(end);
  return out;
}

/**
 * Recorded activity (a `meetings` value per member and day, as a check-in would store it): a leaderboard
 * is only posted for a week with something behind it.
 */
export async function seedActivity(
  h: Harness,
  entries: readonly { member: string; team: string; date: string; value?: number }[],
): Promise<void> {
  await h.store.metricValues.upsertMany(
    entries.map((e) => ({
      memberId: e.member,
      teamId: e.team,
      kpiId: 'meetings',
      date: e.date,
      value: e.value ?? 3,
      source: 'checkin' as const,
      externalId: `seed:${e.member}:${e.date}`,
    })),
    { at: `${entries[0]?.date ?? '2026-01-01'}T12:00:00Z` },
  );
}
