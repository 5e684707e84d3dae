// What a member does on the page, turned into RitualsService calls, and the service's answers turned
// into the sandbox's equivalents of Slack's: a form opens a dialog, `replace` updates the message the
// button was on, `reply` and confirmations land in the member's DM thread.
import { randomUUID } from 'node:crypto';
import { submissionKey } from '../core/idempotency-key.js';
import type { Clock } from '../core/ports/index.js';
import type { InteractionResult, RitualsService, SubmitResult } from '../core/service.js';
import type { ActionId, View } from '../core/view-models.js';
import { messageRef } from './gateway.js';
import { dmThread, type SandboxMessage, type ThreadId, type ThreadStore } from './threads.js';

/** What the page does next: show (or re-show, with errors) a dialog, or close it. */
export type PageOutcome =
  | { readonly ok: true; readonly dialog?: { readonly view: View; readonly formId: string } }
  | { readonly ok: false; readonly dialog: { readonly view: View; readonly formId: string } };

export interface InteractionDeps {
  readonly service: RitualsService;
  readonly threads: ThreadStore;
  readonly clock: Clock;
  /** Threads this member may see and act in (their DMs, their teams' channels). */
  readonly visibleThreads: (memberId: string) => readonly ThreadId[];
  /** Delivers what the service queued meanwhile (nudges, updated prompts), like the sender would. */
  readonly settle: () => Promise<unknown>;
}

export class InteractionError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class Interactions {
  constructor(private readonly deps: InteractionDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private visibleMessage(memberId: string, messageId: string | undefined): SandboxMessage | undefined {
    if (!messageId) return undefined;
    const m = this.deps.threads.get(messageId);
    if (!m || !this.deps.visibleThreads(memberId).includes(m.thread))
      throw new InteractionError(404, 'no such message');
    return m;
  }

  private postToDm(memberId: string, view: View): void {
    this.deps.threads.post(dmThread(memberId), this.now(), { view });
  }

  private apply(memberId: string, result: InteractionResult, source?: SandboxMessage): PageOutcome {
    if (result.kind === 'form') return { ok: true, dialog: { view: result.view, formId: randomUUID() } };
    if (result.kind === 'replace' && source) this.deps.threads.replace(source.id, result.view, this.now());
    else this.postToDm(memberId, result.view);
    return { ok: true };
  }

  /** A submission's result: closes the dialog, or shows the form again with its errors. When the answer
   * updates a prompt, the core has queued that update itself; otherwise the answer lands in the DMs. */
  private submitted(memberId: string, result: SubmitResult<View>, formId: string): PageOutcome {
    if (!result.ok) return { ok: false, dialog: { view: result.form, formId } };
    if (!result.updateRef) this.postToDm(memberId, result.view);
    return { ok: true };
  }

  private async settled<T>(outcome: T): Promise<T> {
    await this.deps.settle();
    return outcome;
  }

  async command(memberId: string, text: string): Promise<PageOutcome> {
    this.deps.threads.post(dmThread(memberId), this.now(), { text, authorId: memberId });
    return this.settled(this.apply(memberId, await this.deps.service.command(memberId, text)));
  }

  async action(memberId: string, action: ActionId, value: string, messageId?: string): Promise<PageOutcome> {
    const source = this.visibleMessage(memberId, messageId);
    return this.settled(this.apply(memberId, await this.deps.service.action(memberId, action, value), source));
  }

  async checkIn(
    memberId: string,
    input: { formId: string; metadata: string; numbers: Record<string, string>; wins?: string; blockers?: string },
  ): Promise<PageOutcome> {
    // The key is the form instance plus what was typed: a double click counts once, a corrected
    // resubmission of the same dialog is a new answer.
    const idempotencyKey = submissionKey(
      'sandbox',
      [input.formId],
      [input.numbers, input.wins ?? '', input.blockers ?? ''],
    );
    const result = await this.deps.service.submitCheckIn({
      memberId,
      metadata: input.metadata,
      numbers: input.numbers,
      wins: input.wins,
      blockers: input.blockers,
      platform: 'sandbox',
      idempotencyKey,
    });
    return this.settled(this.submitted(memberId, result, input.formId));
  }

  async decision(
    memberId: string,
    input: { formId: string; metadata: string; kind: string; text: string },
  ): Promise<PageOutcome> {
    const idempotencyKey = submissionKey('sandbox', [input.formId], [input.kind, input.text]);
    const result = await this.deps.service.submitDecision({
      memberId,
      metadata: input.metadata,
      kind: input.kind,
      text: input.text,
      idempotencyKey,
    });
    return this.settled(this.submitted(memberId, result, input.formId));
  }

  async targetChange(
    memberId: string,
    input: { formId: string; metadata: string; target: string; reason?: string },
  ): Promise<PageOutcome> {
    const idempotencyKey = submissionKey('sandbox', [input.formId], [input.target, input.reason ?? '']);
    const result = await this.deps.service.submitTargetChange({
      memberId,
      metadata: input.metadata,
      target: input.target,
      reason: input.reason,
      idempotencyKey,
    });
    return this.settled(this.submitted(memberId, result, input.formId));
  }

  /** Adds or removes a member's emoji on a post, and reports it to the core like a platform event. */
  async react(memberId: string, messageId: string, emoji: string, added: boolean): Promise<boolean> {
    const m = this.visibleMessage(memberId, messageId)!;
    if (!this.deps.threads.react(m.id, emoji, memberId, added)) return false;
    await this.deps.service.recordReaction({
      ref: messageRef(m),
      emoji,
      userId: memberId,
      added,
      eventId: `sandbox:${m.id}:${emoji}:${memberId}:${added ? 'add' : 'remove'}:${this.deps.threads.version}`,
    });
    return this.settled(true);
  }
}
