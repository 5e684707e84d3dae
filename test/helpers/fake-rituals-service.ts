// A scripted RitualsService for the sandbox adapter's own tests: hand-written neutral views, a check-in
// form that refuses anything but whole numbers (with inline errors), and a record of every call. The
// real core is exercised by the end-to-end test; this one pins the adapter's side of the contract.
import type { Locale } from '../../src/core/domain/model.js';
import type { MessageRef } from '../../src/core/ports/index.js';
import type { CheckInSubmission, InteractionResult, ReactionEvent, RitualsService } from '../../src/core/service.js';
import type { CheckInConfirmationView, CheckInFormView, KpiLine, NoticeView } from '../../src/core/view-models.js';

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

export const notice = (body: string, tone: NoticeView['tone'] = 'info', locale: Locale = 'en'): NoticeView => ({ type: 'notice', tone, body, text: body, locale });

export function checkInForm(memberId: string, errors: Record<string, string> = {}, values: Record<string, string> = {}): CheckInFormView {
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
    numbers: [{ id: 'calls', label: 'Calls', unitHint: 'count', min: 0, max: 1000, required: true, value: values.calls }],
    texts: [{ id: 'wins', label: 'Wins', placeholder: 'What went well?', maxLength: 500 }],
    errors,
    metadata: JSON.stringify({ member: memberId, period: '2026-W48' }),
  };
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

export function fakeRitualsService(opts: FakeServiceOptions = {}): RitualsService & { log: FakeServiceLog } {
  const log: FakeServiceLog = { commands: [], submissions: [], reactions: [] };
  const form = async (memberId: string): Promise<InteractionResult> => ({ kind: 'form', view: checkInForm(memberId) });
  return {
    log,
    async resolveMember() {
      return undefined;
    },
    fallbackLocale: () => 'en',
    async command(memberId, text) {
      log.commands.push({ memberId, text });
      if (text === 'checkin') return form(memberId);
      return { kind: 'reply', view: notice(`You said: ${text}`) };
    },
    async action(memberId, action) {
      if (action === 'checkin.open') return form(memberId);
      return { kind: 'replace', view: notice(`${action} done`, 'success') };
    },
    async checkInForm(memberId) {
      return checkInForm(memberId);
    },
    async submitCheckIn(input) {
      log.submissions.push(input);
      const calls = input.numbers.calls ?? '';
      if (!/^\d+$/.test(calls.trim())) {
        return { ok: false, form: checkInForm(input.memberId, { calls: `"${calls}" is not a whole number.` }, { calls }) };
      }
      const view: CheckInConfirmationView = {
        type: 'checkin_confirmation',
        locale: 'en',
        text: 'Thanks',
        title: 'Check-in received',
        periodKey: '2026-W48',
        periodLabel: 'Week 48',
        lines: [line({ actualText: calls, attainmentText: `${Math.round((Number(calls) / 40) * 100)}%`, progress: Math.min(1, Number(calls) / 40) })],
        submittedText: 'Submitted',
        editable: true,
        actions: [{ action: 'checkin.open', label: 'Edit', value: '{"period":"2026-W48"}' }],
      };
      const updateRef = opts.promptRef?.();
      if (updateRef) opts.queueUpdate?.(updateRef, view);
      return { ok: true, view, updateRef };
    },
    async submitDecision(input) {
      return { ok: true, view: notice(`Decision recorded: ${input.text}`, 'success') };
    },
    async submitTargetChange(input) {
      return { ok: true, view: notice(`Target set to ${input.target}`, 'success') };
    },
    async myGoals() {
      throw new Error('not scripted');
    },
    async leaderboard() {
      return notice('no leaderboard');
    },
    async progress() {
      return notice('no progress');
    },
    async standup() {
      return notice('no standup');
    },
    async runRitual() {
      return notice('ran');
    },
    async recordReaction(event) {
      log.reactions.push(event);
    },
    help: (locale) => notice('help', 'info', locale),
    notAMember: (locale) => notice('not a member', 'error', locale),
    welcome: () => undefined,
  };
}
