// The one fake RitualsService of the adapter tests (the flow tests use the real core): it records every
// call and answers with whatever the test sets, so those tests check what reached the core, not what the
// core did. Three scripts fill in its answers: the sandbox's (a check-in form that refuses anything but
// whole numbers, with inline errors), Teams' (members resolved from the real store) and Slack's
// (members known by Slack id, a command that throws or is slow on cue).
import type { Locale } from '../../src/core/domain/model.js';
import type { MessageRef } from '../../src/core/ports/index.js';
import type {
  CheckInSubmission,
  DecisionSubmission,
  IdentityQuery,
  InteractionResult,
  MemberContext,
  ReactionEvent,
  RitualsService,
  SubmitResult,
  TargetChangeSubmission,
  WelcomeTarget,
} from '../../src/core/service.js';
import type { CheckInConfirmationView, CheckInFormView, KpiLine, NoticeView } from '../../src/core/view-models.js';
import type { Store } from '../../src/store/connection.js';
import { form as teamsForm } from '../fixtures/teams/views.js';

export const line = (over: Partial<KpiLine> = {}): KpiLine => ({
  kpi: 'calls',
  label: 'Calls',
  actualText: '12',
  targetText: '40',
  attainment: 0.3,
  attainmentText: '30%',
  progress: 0.3,
  status: 'off_track',
  statusText: 'Off track',
  tone: 'bad',
  ...over,
});

export const notice = (body: string, tone: NoticeView['tone'] = 'info', locale: Locale = 'en'): NoticeView => ({
  type: 'notice',
  tone,
  body,
  text: body,
  locale,
});
const localNotice = (locale: Locale, body: string, tone: NoticeView['tone'] = 'info'): NoticeView =>
  notice(body, tone, locale);

export function checkInForm(
  memberId: string,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
): CheckInFormView {
  return {
    type: 'checkin_form',
    locale: 'en',
    text: 'Check-in',
    title: 'Weekly check-in',
    submitLabel: 'Submit',
    cancelLabel: 'Cancel',
    memberId,
    periodKey: '2026-W48',
    periodLabel: 'Week 48',
    numbers: [
      { id: 'calls', label: 'Calls', unitHint: 'count', min: 0, max: 1000, required: true, value: values.calls },
    ],
    texts: [{ id: 'wins', label: 'Wins', placeholder: 'What went well?', maxLength: 500 }],
    errors,
    metadata: JSON.stringify({ member: memberId, period: '2026-W48' }),
  };
}

export interface FakeCall {
  readonly method: string;
  readonly args: unknown[];
}

type Answer<T> = T | Promise<T>;

/** What the fake answers; each may be replaced by the test at any time. */
export interface FakeAnswers {
  members: (q: IdentityQuery) => Answer<MemberContext | undefined>;
  commandResult: (memberId: string, text: string) => Answer<InteractionResult>;
  actionResult: (memberId: string, action: string, value: string) => Answer<InteractionResult>;
  checkInFormView: CheckInFormView | ((memberId: string) => CheckInFormView);
  submitResult: (input: CheckInSubmission) => Answer<SubmitResult<CheckInConfirmationView>>;
  decisionResult: (input: DecisionSubmission) => SubmitResult<NoticeView>;
  targetResult: (input: TargetChangeSubmission) => SubmitResult<NoticeView>;
  reportView: (method: 'leaderboard' | 'progress' | 'standup') => NoticeView;
  runResult: () => NoticeView;
  helpView: (locale: Locale) => NoticeView;
  notAMemberView: (locale: Locale) => NoticeView;
  welcomeView: (target: WelcomeTarget) => NoticeView | undefined;
}

const notUsed = (): never => {
  throw new Error('not used');
};

export class FakeRitualsService implements RitualsService, FakeAnswers {
  readonly calls: FakeCall[] = [];
  members: FakeAnswers['members'] = () => undefined;
  commandResult: FakeAnswers['commandResult'] = notUsed;
  actionResult: FakeAnswers['actionResult'] = notUsed;
  checkInFormView: FakeAnswers['checkInFormView'] = notUsed;
  submitResult: FakeAnswers['submitResult'] = notUsed;
  decisionResult: FakeAnswers['decisionResult'] = notUsed;
  targetResult: FakeAnswers['targetResult'] = notUsed;
  reportView: FakeAnswers['reportView'] = notUsed;
  runResult: FakeAnswers['runResult'] = notUsed;
  helpView: FakeAnswers['helpView'] = (locale) => localNotice(locale, 'help');
  notAMemberView: FakeAnswers['notAMemberView'] = (locale) => localNotice(locale, 'not a member', 'error');
  welcomeView: FakeAnswers['welcomeView'] = () => undefined;

  constructor(answers: Partial<FakeAnswers> = {}) {
    Object.assign(this, answers);
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  /** The arguments of each call to `method`, in order. */
  callsTo(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** The calls the sandbox tests read back. */
  get log(): FakeServiceLog {
    return {
      commands: this.callsTo('command').map(([memberId, text]) => ({
        memberId: memberId as string,
        text: text as string,
      })),
      submissions: this.callsTo('submitCheckIn').map(([input]) => input as CheckInSubmission),
      reactions: this.callsTo('recordReaction').map(([event]) => event as ReactionEvent),
    };
  }

  async resolveMember(q: IdentityQuery): Promise<MemberContext | undefined> {
    this.record('resolveMember', q);
    return this.members(q);
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
    return typeof this.checkInFormView === 'function' ? this.checkInFormView(memberId) : this.checkInFormView;
  }
  async submitCheckIn(input: CheckInSubmission): Promise<SubmitResult<CheckInConfirmationView>> {
    this.record('submitCheckIn', input);
    return this.submitResult(input);
  }
  async submitDecision(input: DecisionSubmission): Promise<SubmitResult<NoticeView>> {
    this.record('submitDecision', input);
    return this.decisionResult(input);
  }
  async submitTargetChange(input: TargetChangeSubmission): Promise<SubmitResult<NoticeView>> {
    this.record('submitTargetChange', input);
    return this.targetResult(input);
  }
  async myGoals(): Promise<never> {
    throw new Error('not scripted');
  }
  async leaderboard(): Promise<NoticeView> {
    return this.reportView('leaderboard');
  }
  async progress(): Promise<NoticeView> {
    return this.reportView('progress');
  }
  async standup(): Promise<NoticeView> {
    return this.reportView('standup');
  }
  async runRitual(): Promise<NoticeView> {
    return this.runResult();
  }
  async recordReaction(event: ReactionEvent): Promise<void> {
    this.record('recordReaction', event);
  }
  help(locale: Locale): NoticeView {
    return this.helpView(locale);
  }
  notAMember(locale: Locale): NoticeView {
    return this.notAMemberView(locale);
  }
  welcome(target: WelcomeTarget): NoticeView | undefined {
    this.record('welcome', target);
    return this.welcomeView(target);
  }
}

export interface FakeServiceLog {
  readonly commands: { memberId: string; text: string }[];
  readonly submissions: CheckInSubmission[];
  readonly reactions: ReactionEvent[];
}

export interface FakeServiceOptions {
  /** The prompt the member answers: like the core, the fake queues its update to the confirmation. */
  readonly promptRef?: () => MessageRef | undefined;
  readonly queueUpdate?: (ref: MessageRef, view: CheckInConfirmationView) => void;
}

/** The sandbox adapter's script: hand-written neutral views and a form that only takes whole numbers. */
export function fakeRitualsService(opts: FakeServiceOptions = {}): FakeRitualsService {
  const form = (memberId: string): InteractionResult => ({ kind: 'form', view: checkInForm(memberId) });
  return new FakeRitualsService({
    commandResult: (memberId, text) =>
      text === 'checkin' ? form(memberId) : { kind: 'reply', view: notice(`You said: ${text}`) },
    actionResult: (memberId, action) =>
      action === 'checkin.open' ? form(memberId) : { kind: 'replace', view: notice(`${action} done`, 'success') },
    checkInFormView: (memberId) => checkInForm(memberId),
    submitResult: (input) => {
      const calls = input.numbers.calls ?? '';
      if (!/^\d+$/.test(calls.trim())) {
        return {
          ok: false,
          form: checkInForm(input.memberId, { calls: `"${calls}" is not a whole number.` }, { calls }),
        };
      }
      const view: CheckInConfirmationView = {
        type: 'checkin_confirmation',
        locale: 'en',
        text: 'Thanks',
        title: 'Check-in received',
        periodKey: '2026-W48',
        periodLabel: 'Week 48',
        lines: [
          line({
            actualText: calls,
            attainmentText: `${Math.round((Number(calls) / 40) * 100)}%`,
            progress: Math.min(1, Number(calls) / 40),
          }),
        ],
        submittedText: 'Submitted',
        editable: true,
        actions: [{ action: 'checkin.open', label: 'Edit', value: '{"period":"2026-W48"}' }],
      };
      const updateRef = opts.promptRef?.();
      if (updateRef) opts.queueUpdate?.(updateRef, view);
      return { ok: true, view, updateRef };
    },
    decisionResult: (input) => ({ ok: true, view: notice(`Decision recorded: ${input.text}`, 'success') }),
    targetResult: (input) => ({ ok: true, view: notice(`Target set to ${input.target}`, 'success') }),
    reportView: (method) => notice(`no ${method}`),
    runResult: () => notice('ran'),
  });
}

/** The Teams adapter's script: members resolved from the real store (by Teams id, email or UPN, as the core does). */
export function teamsStubService(store: Store): FakeRitualsService {
  return new FakeRitualsService({
    members: async (q) => {
      const m =
        (q.userId ? await store.workspace.findMemberByIdentity('teams', q.userId) : undefined) ??
        (q.email
          ? ((await store.workspace.findMemberByIdentity('email', q.email)) ??
            (await store.workspace.findMemberByIdentity('upn', q.email)))
          : undefined);
      if (!m) return undefined;
      return {
        memberId: m.id,
        name: m.name,
        teamIds: m.teamIds,
        locale: 'en',
        timezone: 'Europe/Paris',
        isManager: false,
      };
    },
    commandResult: (_m, text) => ({ kind: 'reply', view: localNotice('en', `echo ${text}`) }),
    actionResult: (_m, a) => ({ kind: 'replace', view: localNotice('en', `done ${a}`, 'success') }),
    submitResult: () => ({ ok: false, form: teamsForm }),
    checkInFormView: teamsForm,
    decisionResult: () => ({ ok: true, view: localNotice('en', 'Decision recorded', 'success') }),
    targetResult: () => ({ ok: true, view: localNotice('en', 'Target changed', 'success') }),
    runResult: () => localNotice('en', 'ran'),
    helpView: (locale) =>
      localNotice(locale, locale === 'fr' ? 'Aide : checkin, me, leaderboard' : 'Help: checkin, me, leaderboard'),
    welcomeView: (target) => {
      if (target.kind === 'member') return localNotice(target.locale ?? 'en', `Welcome ${target.memberId}`);
      if (target.kind === 'channel') return localNotice('en', `Welcome channel ${target.teamId}`);
      return localNotice(target.locale, `Welcome stranger ${target.platformId ?? ''}`);
    },
    notAMemberView: (locale) =>
      localNotice(
        locale,
        locale === 'fr'
          ? 'Vous ne faites partie d’aucune équipe : demandez à votre manager de vous ajouter.'
          : 'You are not in any team yet: ask your manager to add you.',
        'error',
      ),
  });
}

/** The Slack transport tests' script: members known by Slack id; `boom` throws, `slow` takes 300 ms. */
export function slackRecordingService(members: Record<string, MemberContext>): FakeRitualsService {
  return new FakeRitualsService({
    members: (q) => (q.userId ? members[q.userId] : undefined),
    commandResult: async (memberId, text) => {
      if (text === 'boom') throw new Error('core exploded with a secret stack');
      if (text === 'slow') await new Promise((r) => setTimeout(r, 300));
      return { kind: 'reply', view: localNotice('en', `command ${text} for ${memberId}`) };
    },
    actionResult: (_m, action) => ({ kind: 'reply', view: localNotice('en', `action ${action}`) }),
    notAMemberView: (locale) =>
      localNotice(
        locale,
        locale === 'fr' ? 'Vous ne faites partie d’aucune équipe.' : 'You are not a member of any team.',
      ),
  });
}
