// The sandbox's chat: one thread per member (their DMs with the bot), one per team (its channel) and the
// admin's (data imports), each an ordered list of messages holding neutral views (or what a member
// typed), with reactions.
// In memory, saved to a JSON file next to the sandbox database (debounced) so a page reload or a
// restart shows the same conversation.
import { randomInt } from 'node:crypto';
import { readJsonFile, removeJsonFile, writeJsonFile } from './json-file.js';

export type ThreadId = `dm:${string}` | `channel:${string}` | `admin:${string}`;

export interface SandboxMessage {
  readonly id: string;
  readonly thread: ThreadId;
  /** Sandbox time the message was posted (ISO). */
  readonly at: string;
  /** Null: the bot; else the member who typed it. */
  readonly authorId: string | null;
  /** A neutral view (bot messages). */
  view?: unknown;
  /** What a member typed (their messages). */
  text?: string;
  editedAt?: string;
  /** Emoji short name -> member ids who reacted, in order. */
  reactions: Record<string, string[]>;
}

interface Saved {
  readonly nextId: number;
  readonly messages: SandboxMessage[];
}

/** Older messages beyond this many per thread are dropped, so the file stays small. */
const MAX_PER_THREAD = 400;

export const dmThread = (memberId: string): ThreadId => `dm:${memberId}`;
export const channelThread = (teamId: string): ThreadId => `channel:${teamId}`;
/** What an admin (sales ops) sees: data imports. */
export const ADMIN_THREAD: ThreadId = 'admin:imports';

export class ThreadStore {
  private messages = new Map<string, SandboxMessage>();
  private byThread = new Map<ThreadId, string[]>();
  private nextId = 1;
  private saveTimer: NodeJS.Timeout | undefined;
  private dirty = false;
  /** Bumped on every change: the page polls it to know when to redraw. Starts at random so a page open
   * across a restart never mistakes the new store for the one it last saw (the time of day could match:
   * two stores made within the same millisecond, or a few changes apart). */
  version = randomInt(1, 1_000_000_000);

  constructor(private readonly file?: string) {
    const saved = readJsonFile(file) as Saved | undefined;
    if (saved && Array.isArray(saved.messages) && typeof saved.nextId === 'number') {
      for (const m of saved.messages) this.index({ ...m, reactions: m.reactions ?? {} });
      this.nextId = saved.nextId;
    }
  }

  private index(m: SandboxMessage): void {
    this.messages.set(m.id, m);
    const list = this.byThread.get(m.thread) ?? [];
    list.push(m.id);
    while (list.length > MAX_PER_THREAD) this.messages.delete(list.shift()!);
    this.byThread.set(m.thread, list);
  }

  private changed(): void {
    this.version++;
    this.dirty = true;
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), 200);
    this.saveTimer.unref();
  }

  post(
    thread: ThreadId,
    at: string,
    content: { view?: unknown; text?: string; authorId?: string | null },
  ): SandboxMessage {
    const m: SandboxMessage = {
      id: `m${this.nextId++}`,
      thread,
      at,
      authorId: content.authorId ?? null,
      view: content.view,
      text: content.text,
      reactions: {},
    };
    this.index(m);
    this.changed();
    return m;
  }

  get(id: string): SandboxMessage | undefined {
    return this.messages.get(id);
  }

  replace(id: string, view: unknown, at: string): SandboxMessage | undefined {
    const m = this.messages.get(id);
    if (!m) return undefined;
    m.view = view;
    m.editedAt = at;
    this.changed();
    return m;
  }

  /** Adds or removes one member's emoji; false when nothing changed. */
  react(id: string, emoji: string, memberId: string, added: boolean): boolean {
    const m = this.messages.get(id);
    if (!m) return false;
    const who = m.reactions[emoji] ?? [];
    const has = who.includes(memberId);
    if (has === added) return false;
    m.reactions[emoji] = added ? [...who, memberId] : who.filter((x) => x !== memberId);
    if (m.reactions[emoji]!.length === 0) delete m.reactions[emoji];
    this.changed();
    return true;
  }

  list(thread: ThreadId): SandboxMessage[] {
    return (this.byThread.get(thread) ?? []).map((id) => this.messages.get(id)!).filter(Boolean);
  }

  /** Every message, oldest first. */
  all(): SandboxMessage[] {
    return [...this.messages.values()].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  }

  clear(): void {
    this.messages.clear();
    this.byThread.clear();
    this.nextId = 1;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.dirty = false;
    removeJsonFile(this.file);
    this.version++;
  }

  /** Writes pending changes now (after each request, and at shutdown). */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.file || !this.dirty) return;
    this.dirty = false;
    writeJsonFile(this.file, { nextId: this.nextId, messages: this.all() } satisfies Saved);
  }
}
