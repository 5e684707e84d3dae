// Simulated colleagues: when a check-in prompt reaches a member's DMs, they answer it a little later
// (most within a couple of hours, some after the weekend's reminder, a few never), through the real
// service, so the sandbox's leaderboards have a field of players and `simulate` a whole team. The
// member at the page answers for themselves and is never simulated. Seeded: same seed, same answers.
import type { Workspace } from '../core/domain/model.js';
import type { RitualsService } from '../core/service.js';
import type { CheckInFormView, CheckInPromptView } from '../core/view-models.js';
import type { Delivery } from './gateway.js';
import { hashSeed, mulberry32 } from './prng.js';
import { repLevel, type SimulatedAnswer, simulatedAnswer } from './simulated-answers.js';

export interface ColleagueAnswer {
  readonly at: Date;
  readonly memberId: string;
  readonly periodKey: string;
  readonly answer: SimulatedAnswer;
}

export interface ColleaguesDeps {
  readonly service: RitualsService;
  readonly workspace: () => Workspace;
  readonly seed: number;
  /** Told after each stored answer (`simulate` prints it). */
  readonly onAnswer?: (answer: ColleagueAnswer) => void;
}

interface Pending {
  readonly at: number;
  readonly memberId: string;
  readonly periodKey: string;
}

const MINUTE = 60_000;

export class SimulatedColleagues {
  private pending: Pending[] = [];

  constructor(private readonly deps: ColleaguesDeps) {}

  /** Plans an answer to each check-in prompt delivered to a DM. */
  observe(d: Delivery): void {
    const view = d.view as Partial<CheckInPromptView>;
    if (d.kind !== 'send' || view.type !== 'checkin_prompt' || !d.message.thread.startsWith('dm:') || !view.periodKey)
      return;
    const memberId = d.message.thread.slice('dm:'.length);
    if (this.pending.some((p) => p.memberId === memberId && p.periodKey === view.periodKey)) return;
    const rng = mulberry32(hashSeed(`${this.deps.seed}:plan:${memberId}:${view.periodKey}`));
    const roll = rng.next();
    if (roll < 0.1) return; // never answers: reminders, then a missed check-in
    const delayMin = roll < 0.82 ? rng.int(10, 150) : rng.int(62 * 60, 66 * 60); // soon, or Monday morning
    this.pending.push({ at: Date.parse(d.message.at) + delayMin * MINUTE, memberId, periodKey: view.periodKey });
    this.pending.sort((a, b) => a.at - b.at || a.memberId.localeCompare(b.memberId));
  }

  /** The next planned answer strictly after `after`. */
  nextAt(after: Date): Date | undefined {
    const p = this.pending.find((x) => x.at > after.getTime());
    return p ? new Date(p.at) : undefined;
  }

  /** Answers everything planned up to `at` (except `viewer`'s own prompts); returns how many were stored. */
  async runDue(at: Date, viewer?: string): Promise<number> {
    const due = this.pending.filter((p) => p.at <= at.getTime());
    this.pending = this.pending.filter((p) => p.at > at.getTime());
    let stored = 0;
    for (const p of due) if (p.memberId !== viewer && (await this.answer(p))) stored++;
    return stored;
  }

  clear(): void {
    this.pending = [];
  }

  private async answer(p: Pending): Promise<boolean> {
    const ws = this.deps.workspace();
    const member = ws.teams.flatMap((t) => t.members).find((m) => m.id === p.memberId);
    if (!member?.role) return false;
    let form: CheckInFormView;
    try {
      form = await this.deps.service.checkInForm(p.memberId, p.periodKey);
    } catch {
      return false; // closed meanwhile, or no longer asked
    }
    // Answered by hand already (a prefilled form): leave it alone.
    if (form.numbers.some((n) => n.value !== undefined)) return false;
    const level = repLevel(this.deps.seed, p.memberId);
    const rng = mulberry32(hashSeed(`${this.deps.seed}:answer:${p.memberId}:${p.periodKey}`));
    const answer = simulatedAnswer(ws, member.role, form, level * rng.between(0.85, 1.15), rng);
    const submit = (metadata: string, again = '') =>
      this.deps.service.submitCheckIn({
        memberId: p.memberId,
        metadata,
        ...answer,
        platform: 'sandbox',
        idempotencyKey: `sandbox-colleague:${this.deps.seed}:${p.memberId}:${p.periodKey}${again}`,
      });
    let result = await submit(form.metadata);
    // A value far above their history is asked again: a simulated rep stands by it.
    if (!result.ok && result.form.type === 'checkin_form' && result.form.confirm?.length)
      result = await submit(result.form.metadata, ':confirmed');
    if (result.ok) this.deps.onAnswer?.({ at: new Date(p.at), memberId: p.memberId, periodKey: p.periodKey, answer });
    return result.ok;
  }
}
