// What simulated people do with the bot's posts in `rituals simulate`: some teammates react to each
// leaderboard with an emoji (tallied by the core like a platform reaction), and owners press
// Acknowledge or Snooze on most breach nudges. Seeded per post, so the transcript is reproducible.
import type { Workspace } from '../core/domain/model.js';
import type { ChatGateway } from '../core/ports/index.js';
import type { RitualsService } from '../core/service.js';
import type { ActionButton, BreachNudgeView } from '../core/view-models.js';
import { type Delivery, messageRef } from './gateway.js';
import { hashSeed, mulberry32 } from './prng.js';
import { REACTION_CHOICES } from './render/emoji.js';
import type { ThreadStore } from './threads.js';
import type { TimeAgent } from './time-travel.js';

export interface FollowUpsDeps {
  readonly service: RitualsService;
  readonly gateway: ChatGateway;
  readonly threads: ThreadStore;
  readonly workspace: () => Workspace;
  readonly seed: number;
  readonly write: (iso: string, thread: string, text: string) => void;
}

type Planned =
  | {
      readonly at: number;
      readonly order: number;
      readonly kind: 'react';
      readonly memberId: string;
      readonly messageId: string;
      readonly emoji: string;
    }
  | {
      readonly at: number;
      readonly order: number;
      readonly kind: 'press';
      readonly memberId: string;
      readonly messageId: string;
      readonly button: ActionButton;
    };

const MINUTE = 60_000;

export class SimulatedFollowUps implements TimeAgent {
  private planned: Planned[] = [];
  private order = 0;

  constructor(private readonly deps: FollowUpsDeps) {}

  observe(d: Delivery): void {
    if (d.kind !== 'send') return;
    const view = d.view as { type?: string };
    const m = d.message;
    const posted = Date.parse(m.at);
    if (view.type === 'leaderboard' && m.thread.startsWith('channel:')) {
      const team = this.deps.workspace().teams.find((t) => `channel:${t.id}` === m.thread);
      for (const member of team?.members ?? []) {
        const rng = mulberry32(hashSeed(`${this.deps.seed}:react:${m.id}:${member.id}`));
        if (!rng.chance(0.35)) continue;
        this.plan({
          at: posted + rng.int(5, 240) * MINUTE,
          order: this.order++,
          kind: 'react',
          memberId: member.id,
          messageId: m.id,
          emoji: rng.pick(REACTION_CHOICES),
        });
      }
    }
    if (view.type === 'breach_nudge' && m.thread.startsWith('dm:')) {
      const rng = mulberry32(hashSeed(`${this.deps.seed}:press:${m.id}`));
      const roll = rng.next();
      const wanted = roll < 0.55 ? 'breach.acknowledge' : roll < 0.7 ? 'breach.snooze' : undefined;
      const button = (d.view as BreachNudgeView).actions?.find((a) => a.action === wanted);
      if (button)
        this.plan({
          at: posted + rng.int(20, 600) * MINUTE,
          order: this.order++,
          kind: 'press',
          memberId: m.thread.slice(3),
          messageId: m.id,
          button,
        });
    }
  }

  private plan(p: Planned): void {
    this.planned.push(p);
    this.planned.sort((a, b) => a.at - b.at || a.order - b.order);
  }

  nextAt(after: Date): Date | undefined {
    const p = this.planned.find((x) => x.at > after.getTime());
    return p ? new Date(p.at) : undefined;
  }

  async runDue(at: Date): Promise<void> {
    const due = this.planned.filter((p) => p.at <= at.getTime());
    this.planned = this.planned.filter((p) => p.at > at.getTime());
    for (const p of due) {
      const m = this.deps.threads.get(p.messageId);
      if (!m) continue;
      const iso = new Date(p.at).toISOString();
      if (p.kind === 'react') {
        if (!this.deps.threads.react(m.id, p.emoji, p.memberId, true)) continue;
        this.deps.write(iso, m.thread, `${p.memberId} > :${p.emoji}: on ${m.thread.replace('channel:', '#')} ${m.id}`);
        await this.deps.service.recordReaction({
          ref: messageRef(m),
          emoji: p.emoji,
          userId: p.memberId,
          added: true,
          eventId: `simulate:${m.id}:${p.emoji}:${p.memberId}`,
        });
        continue;
      }
      this.deps.write(iso, m.thread, `${p.memberId} > [${p.button.label}]`);
      const result = await this.deps.service.action(p.memberId, p.button.action, p.button.value);
      if (result.kind === 'replace') await this.deps.gateway.update(messageRef(m), result.view);
      else if (result.kind === 'reply') await this.deps.gateway.send({ kind: 'dm', memberId: p.memberId }, result.view);
    }
  }
}
