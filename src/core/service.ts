// The one entry point adapters call (Slack, Teams, sandbox, CLI): every user interaction as a
// platform-neutral method returning neutral views. Implemented by core/rituals/service-impl.ts.
// Methods never throw for expected failures: rights, bad input and unknown users come back as
// NoticeView errors or forms with inline errors, in the user's language.
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

  /** A typed command: `checkin`, `me`, `leaderboard`, `progress`, `standup`, `ooo FROM TO`, `ooo off`, `run RITUAL`, `help` (and French aliases). */
  command(memberId: string, text: string): Promise<InteractionResult>;
  /** A button press: the ActionButton's action and value. */
  action(memberId: string, action: ActionId, value: string): Promise<InteractionResult>;

  /** Throws DomainError CHECKIN.PERIOD_CLOSED / CHECKIN.PERIOD_NOT_OPEN / CHECKIN.NO_KPIS (see view-builders/notice.ts describeError); `command` and `action` answer those with a notice. */
  checkInForm(memberId: string, periodKey?: string): Promise<CheckInFormView>;
  submitCheckIn(input: CheckInSubmission): Promise<SubmitResult<CheckInConfirmationView>>;
  submitDecision(input: DecisionSubmission): Promise<SubmitResult<NoticeView>>;
  submitTargetChange(input: TargetChangeSubmission): Promise<SubmitResult<NoticeView>>;

  myGoals(memberId: string): Promise<MyGoalsView>;
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
