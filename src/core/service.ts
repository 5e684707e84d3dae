// The one entry point adapters call (Slack, Teams, sandbox, CLI): every user interaction as a
// platform-neutral method returning neutral views. Implemented by core/rituals/service-impl.ts.
// What fails how, method by method (the doc of each says which kind it is):
// - answers to a person (command, action, submitDecision, submitTargetChange, leaderboard, progress,
//   standup, runRitual) never reject: an expected failure (rights, bad input, someone not in the
//   config) comes back as a NoticeView or a form with inline errors in the user's language; anything
//   else is logged and answered with the generic "nothing was changed" notice;
// - the pieces adapters call inside their own flows (checkInForm, submitCheckIn, myGoals) reject with a
//   DomainError whose code is listed on the method (view-builders/notice.ts describeError words it), and
//   with whatever else went wrong (the store down): their return types have no room for a notice;
// - resolveMember and recordReaction reject only when something unexpected fails; the synchronous
//   ones (fallbackLocale, help, notAMember, welcome) do not throw.
import type { Locale, RitualId } from './domain/model.js';
import type { MessageRef, Platform } from './ports/index.js';
import type {
  ActionId,
  CheckInConfirmationView,
  CheckInFormView,
  CollectiveProgressView,
  DecisionFormView,
  LeaderboardView,
  MyGoalsView,
  NoticeView,
  StandupSummaryView,
  TargetFormView,
  View,
} from './view-models.js';

/** Who is talking to the bot, as the platform knows them. */
export interface IdentityQuery {
  readonly platform: Platform;
  /** Slack user id, Teams AAD object id, or sandbox member id. */
  readonly userId?: string;
  readonly email?: string;
  /** Locale reported by the platform (e.g. `fr-FR`), used when the config sets none. */
  readonly platformLocale?: string;
}

export interface MemberContext {
  readonly memberId: string;
  readonly name: string;
  readonly teamIds: readonly string[];
  readonly roleId?: string;
  readonly locale: Locale;
  readonly timezone: string;
  /** Manager of at least one team. */
  readonly isManager: boolean;
}

/** What an adapter should do after a command or a button. */
export type InteractionResult =
  /** Open this form (Slack modal, Teams card, sandbox dialog). */
  | { readonly kind: 'form'; readonly view: CheckInFormView | DecisionFormView | TargetFormView }
  /** Replace the message the button was on with this view. */
  | { readonly kind: 'replace'; readonly view: View }
  /** Answer privately (Slack ephemeral / Teams reply / sandbox DM). */
  | { readonly kind: 'reply'; readonly view: View };

export type SubmitResult<V extends View> =
  | {
      readonly ok: true;
      readonly view: V;
      /** The prompt message updated in place, if any: the core already queued that update in the outbox, adapters need not repeat it. */
      readonly updateRef?: MessageRef;
    }
  | { readonly ok: false; readonly form: CheckInFormView | DecisionFormView | TargetFormView };

export interface CheckInSubmission {
  readonly memberId: string;
  /** The form's `metadata`, echoed back. */
  readonly metadata: string;
  /** KPI id -> text as typed (decimal commas accepted for fr). */
  readonly numbers: Readonly<Record<string, string>>;
  readonly wins?: string;
  readonly blockers?: string;
  readonly platform: Platform;
  /** A platform-unique id of this submission (Slack view id + hash, Teams activity id): replays change nothing. */
  readonly idempotencyKey: string;
}

export interface DecisionSubmission {
  readonly memberId: string;
  readonly metadata: string;
  readonly kind: string;
  readonly text: string;
  readonly idempotencyKey: string;
}

/** The target form's answer (a QBR proposal changed by hand). */
export interface TargetChangeSubmission {
  readonly memberId: string;
  readonly metadata: string;
  /** As typed (decimal commas accepted for fr; percent typed 0-100). */
  readonly target: string;
  readonly reason?: string;
  readonly idempotencyKey: string;
}

export interface ReactionEvent {
  readonly ref: MessageRef;
  readonly emoji: string;
  /** Platform user id of who reacted. */
  readonly userId: string;
  readonly added: boolean;
  /** Platform event id, to count a retried event once. */
  readonly eventId?: string;
}

/** Who a welcome is for (see rituals/use-cases/welcome.ts). */
export type WelcomeTarget =
  /** A member who installed the app for themselves; `locale` is what resolveMember found. */
  | { readonly kind: 'member'; readonly memberId: string; readonly locale?: Locale }
  /** A team's channel, in the team's language. */
  | { readonly kind: 'channel'; readonly teamId: string }
  /** Someone the config does not know; `platformId` is what an admin would write in the config for them. */
  | { readonly kind: 'stranger'; readonly locale: Locale; readonly platformId?: string };

export interface RitualsService {
  resolveMember(query: IdentityQuery): Promise<MemberContext | undefined>;
  /** Locale to answer someone who is not (yet) a member. */
  fallbackLocale(platformLocale?: string): Locale;

  /** A typed command: `checkin`, `me`, `leaderboard`, `progress`, `standup`, `ooo FROM TO`, `ooo off`, `run RITUAL`, `help` (and French aliases). Never rejects. */
  command(memberId: string, text: string): Promise<InteractionResult>;
  /** A button press: the ActionButton's action and value. Never rejects. */
  action(memberId: string, action: ActionId, value: string): Promise<InteractionResult>;

  /**
   * Rejects with DomainError AUTH.NOT_A_MEMBER, CHECKIN.NO_KPIS, CHECKIN.PERIOD_CLOSED,
   * CHECKIN.PERIOD_NOT_OPEN or PERIOD.* (a malformed period key); `command` and `action` answer those with a notice.
   */
  checkInForm(memberId: string, periodKey?: string): Promise<CheckInFormView>;
  /**
   * Bad numbers, a closed period or a stale form come back as the form with inline errors. Rejects with
   * DomainError AUTH.NOT_A_MEMBER, CHECKIN.NO_KPIS, or CHECKIN.PERIOD_NOT_OPEN when no open period is
   * left to show the form again for.
   */
  submitCheckIn(input: CheckInSubmission): Promise<SubmitResult<CheckInConfirmationView>>;
  /** Never rejects: bad input comes back as the form with inline errors, any other failure as the notice of an `ok` result. */
  submitDecision(input: DecisionSubmission): Promise<SubmitResult<NoticeView>>;
  /** Never rejects, as submitDecision. */
  submitTargetChange(input: TargetChangeSubmission): Promise<SubmitResult<NoticeView>>;

  /** Rejects with DomainError AUTH.NOT_A_MEMBER. */
  myGoals(memberId: string): Promise<MyGoalsView>;
  /** Never rejects (the three below neither): a failure is the notice. */
  leaderboard(memberId: string, teamId?: string): Promise<LeaderboardView | NoticeView>;
  progress(memberId: string, teamId?: string): Promise<CollectiveProgressView | NoticeView>;
  standup(memberId: string, teamId?: string): Promise<StandupSummaryView | NoticeView>;
  runRitual(memberId: string, ritual: RitualId, teamId?: string): Promise<NoticeView>;

  recordReaction(event: ReactionEvent): Promise<void>;

  /** Help text, and the answer for someone who is not a member of any team. */
  help(locale: Locale): NoticeView;
  notAMember(locale: Locale): NoticeView;
  /** What the bot will do and when, for a new member, a team's channel or a stranger; undefined when the member or team is gone. */
  welcome(target: WelcomeTarget): NoticeView | undefined;
}
