// A small RitualsService for the transport tests: it knows members by Slack id, records every call
// and answers with fixed views, so those tests check what reached the core, not what the core did.
// (The flow tests use the real core.)
import type { Locale } from '../../../src/core/domain/model.js';
import type { IdentityQuery, InteractionResult, MemberContext, RitualsService } from '../../../src/core/service.js';
import type { NoticeView } from '../../../src/core/view-models.js';

const notice = (locale: Locale, body: string): NoticeView => ({ type: 'notice', locale, text: body, tone: 'info', body });

export class RecordingService implements RitualsService {
  readonly calls: { method: string; args: unknown[] }[] = [];

  constructor(private readonly members: Record<string, MemberContext>) {}

  private record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  callsTo(method: string) {
    return this.calls.filter((c) => c.method === method);
  }

  async resolveMember(q: IdentityQuery) {
    this.record('resolveMember', q);
    return q.userId ? this.members[q.userId] : undefined;
  }
  fallbackLocale(platformLocale?: string): Locale {
    return platformLocale?.startsWith('fr') ? 'fr' : 'en';
  }
  async command(memberId: string, text: string): Promise<InteractionResult> {
    this.record('command', memberId, text);
    if (text === 'boom') throw new Error('core exploded with a secret stack');
    if (text === 'slow') await new Promise((r) => setTimeout(r, 300));
    return { kind: 'reply', view: notice('en', `command ${text} for ${memberId}`) };
  }
  async action(memberId: string, action: string, value: string): Promise<InteractionResult> {
    this.record('action', memberId, action, value);
    return { kind: 'reply', view: notice('en', `action ${action}`) };
  }
  async checkInForm(): Promise<never> {
    throw new Error('not used');
  }
  async submitCheckIn(input: unknown): Promise<never> {
    this.record('submitCheckIn', input);
    throw new Error('not used');
  }
  async submitDecision(input: unknown): Promise<never> {
    this.record('submitDecision', input);
    throw new Error('not used');
  }
  async submitTargetChange(input: unknown): Promise<never> {
    this.record('submitTargetChange', input);
    throw new Error('not used');
  }
  async myGoals(): Promise<never> {
    throw new Error('not used');
  }
  async leaderboard(): Promise<never> {
    throw new Error('not used');
  }
  async progress(): Promise<never> {
    throw new Error('not used');
  }
  async standup(): Promise<never> {
    throw new Error('not used');
  }
  async runRitual(): Promise<never> {
    throw new Error('not used');
  }
  async recordReaction(event: unknown): Promise<void> {
    this.record('recordReaction', event);
  }
  help(locale: Locale): NoticeView {
    return notice(locale, 'help');
  }
  notAMember(locale: Locale): NoticeView {
    return notice(locale, locale === 'fr' ? 'Vous ne faites partie d’aucune équipe.' : 'You are not a member of any team.');
  }

  welcome(): NoticeView | undefined {
    return undefined;
  }
}
