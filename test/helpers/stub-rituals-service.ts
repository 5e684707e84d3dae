// A small RitualsService for adapter tests that are about Teams, not rituals: members are resolved from
// the real store (by Teams id, email or UPN, as the core does), every call is recorded, and the answers
// to commands, buttons and submissions are whatever the test sets.
import type { Locale } from '../../src/core/domain/model.js';
import type { IdentityQuery, InteractionResult, MemberContext, RitualsService, SubmitResult, WelcomeTarget } from '../../src/core/service.js';
import type { CheckInConfirmationView, CheckInFormView, NoticeView } from '../../src/core/view-models.js';
import type { Store } from '../../src/store/connection.js';
import { form } from '../fixtures/teams/views.js';

export interface StubCall {
  readonly method: string;
  readonly args: unknown[];
}

const notice = (locale: Locale, body: string, tone: NoticeView['tone'] = 'info'): NoticeView => ({ type: 'notice', locale, text: body, tone, body });

export class StubRitualsService implements RitualsService {
  readonly calls: StubCall[] = [];
  commandResult: (memberId: string, text: string) => InteractionResult = (_m, text) => ({ kind: 'reply', view: notice('en', `echo ${text}`) });
  actionResult: (memberId: string, action: string, value: string) => InteractionResult = (_m, a) => ({ kind: 'replace', view: notice('en', `done ${a}`, 'success') });
  submitResult: (numbers: Record<string, string>) => SubmitResult<CheckInConfirmationView> = () => ({ ok: false, form });
  checkInFormView: CheckInFormView = form;

  constructor(private readonly store: Store) {}

  private record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  callsTo(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  async resolveMember(q: IdentityQuery): Promise<MemberContext | undefined> {
    this.record('resolveMember', q);
    const m =
      (q.userId ? await this.store.workspace.findMemberByIdentity('teams', q.userId) : undefined) ??
      (q.email ? (await this.store.workspace.findMemberByIdentity('email', q.email)) ?? (await this.store.workspace.findMemberByIdentity('upn', q.email)) : undefined);
    if (!m) return undefined;
    return { memberId: m.id, name: m.name, teamIds: m.teamIds, locale: 'en', timezone: 'Europe/Paris', isManager: false };
  }

  fallbackLocale(platformLocale?: string): Locale {
    return platformLocale?.startsWith('fr') ? 'fr' : 'en';
  }

  async command(memberId: string, text: string): Promise<InteractionResult> {
    this.record('command', memberId, text);
    return this.commandResult(memberId, text);
  }

  async action(memberId: string, action: string, value: string): Promise<InteractionResult> {
    this.record('action', memberId, action, value);
    return this.actionResult(memberId, action, value);
  }

  async checkInForm(memberId: string, periodKey?: string): Promise<CheckInFormView> {
    this.record('checkInForm', memberId, periodKey);
    return this.checkInFormView;
  }

  async submitCheckIn(input: Parameters<RitualsService['submitCheckIn']>[0]) {
    this.record('submitCheckIn', input);
    return this.submitResult({ ...input.numbers });
  }

  async submitDecision(input: Parameters<RitualsService['submitDecision']>[0]): Promise<SubmitResult<NoticeView>> {
    this.record('submitDecision', input);
    return { ok: true, view: notice('en', 'Decision recorded', 'success') };
  }

  async submitTargetChange(input: Parameters<RitualsService['submitTargetChange']>[0]): Promise<SubmitResult<NoticeView>> {
    this.record('submitTargetChange', input);
    return { ok: true, view: notice('en', 'Target changed', 'success') };
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
  async runRitual(): Promise<NoticeView> {
    return notice('en', 'ran');
  }

  async recordReaction(event: Parameters<RitualsService['recordReaction']>[0]): Promise<void> {
    this.record('recordReaction', event);
  }

  help(locale: Locale): NoticeView {
    return notice(locale, locale === 'fr' ? 'Aide : checkin, me, leaderboard' : 'Help: checkin, me, leaderboard');
  }

  welcome(target: WelcomeTarget): NoticeView | undefined {
    this.record('welcome', target);
    if (target.kind === 'member') return notice(target.locale ?? 'en', `Welcome ${target.memberId}`);
    if (target.kind === 'channel') return notice('en', `Welcome channel ${target.teamId}`);
    return notice(target.locale, `Welcome stranger ${target.platformId ?? ''}`);
  }

  notAMember(locale: Locale): NoticeView {
    return notice(locale, locale === 'fr' ? 'Vous ne faites partie d’aucune équipe : demandez à votre manager de vous ajouter.' : 'You are not in any team yet: ask your manager to add you.', 'error');
  }
}
