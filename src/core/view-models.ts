// Neutral message models: every message the bot sends, already in the recipient's language, with raw
// numbers for bars and charts next to their formatted text. Adapters (Slack Block Kit, Teams Adaptive
// Cards, the sandbox's HTML) only lay these out; they never compute or translate. Views are plain JSON
// (they are stored in the outbox), so no functions, Dates or class instances. The one list of view
// types and action ids lives here too, with the checks adapters run on what comes back to them.
import type { Locale } from './domain/model.js';

/** Every button the bot shows. The adapter sends back `{ action, value }` to the core. */
export const ACTION_IDS = [
  'checkin.open',
  'breach.acknowledge',
  'breach.snooze',
  'breach.decision',
  'review.decision',
  'qbr.accept',
  'qbr.change',
  'goals.show',
] as const;

export type ActionId = (typeof ACTION_IDS)[number];

/** Whether a string coming back from a platform (a button's id, a card's data) is one of ours. */
export function isActionId(value: string): value is ActionId {
  return (ACTION_IDS as readonly string[]).includes(value);
}

export interface ActionButton {
  readonly action: ActionId;
  readonly label: string;
  /** Opaque payload for the core (JSON text under 2000 chars), e.g. `{"period":"2026-W47"}`. */
  readonly value: string;
  readonly style?: 'primary' | 'danger';
}

export type Tone = 'good' | 'warning' | 'bad' | 'neutral';

/** One KPI against its target, ready to show. `progress` is attainment clamped to 0..1 for a bar. */
export interface KpiLine {
  readonly kpi: string;
  readonly label: string;
  readonly actualText: string;
  readonly targetText: string;
  readonly attainment: number | null;
  readonly attainmentText: string;
  readonly progress: number;
  /** e.g. "Projected 33 by 30 Nov" or "Projection = current value". */
  readonly projectionText?: string;
  /** e.g. "1.9 per working day needed". */
  readonly neededText?: string;
  /** `met` / `missed`: a closed period's final result. Null: no data, too early, or no target. */
  readonly status: 'on_track' | 'at_risk' | 'off_track' | 'ok' | 'breached' | 'met' | 'missed' | null;
  readonly statusText: string;
  readonly tone: Tone;
  /** Whether the figures rest on data: `awaiting_data` (an import to come), `no_data`, `not_computable`. */
  readonly dataState?: 'ok' | 'no_data' | 'awaiting_data' | 'not_computable';
}

interface ViewBase {
  readonly locale: Locale;
  /** Plain-text summary: notification text, fallback for clients that cannot render the rest. */
  readonly text: string;
}

export interface CheckInPromptView extends ViewBase {
  readonly type: 'checkin_prompt';
  readonly title: string;
  readonly intro: string;
  readonly periodKey: string;
  readonly deadlineText: string;
  /** Last period's figures, to remind the rep where they stand. */
  readonly lastPeriod: readonly KpiLine[];
  readonly actions: readonly ActionButton[];
  /**
   * The rep's form, built with the prompt, for surfaces that show the inputs on the message itself
   * (Teams): the gateway never asks the core for it while sending. Absent when the form could not be
   * built, and on prompts stored before it existed: those show the button only.
   */
  readonly form?: CheckInFormView;
}

export interface NumberField {
  /** The KPI id. */
  readonly id: string;
  readonly label: string;
  /** Unit hint shown next to the input ("count", "€", "%", "h"). */
  readonly unitHint: string;
  readonly min: number;
  readonly max: number;
  /** Only whole numbers are accepted (counts): inputs that can say so refuse decimals as they are typed. */
  readonly whole?: boolean;
  /** Prefilled when editing: as the user would type it in their locale ("12,5" in fr). */
  readonly value?: string;
  readonly required: boolean;
}

export interface TextField {
  readonly id: 'wins' | 'blockers';
  readonly label: string;
  readonly placeholder: string;
  readonly value?: string;
  readonly maxLength: number;
}

/** The check-in form: Slack modal, Teams card inputs, sandbox HTML form. */
export interface CheckInFormView extends ViewBase {
  readonly type: 'checkin_form';
  readonly title: string;
  readonly submitLabel: string;
  readonly cancelLabel: string;
  readonly memberId: string;
  readonly periodKey: string;
  readonly periodLabel: string;
  readonly numbers: readonly NumberField[];
  readonly texts: readonly TextField[];
  /** Field id -> message in the user's language, shown inline; `_form` holds a message about the whole form (e.g. the period closed). */
  readonly errors: Readonly<Record<string, string>>;
  /** Echoed back on submit (Slack private_metadata, Teams card data): `{"member","period","key"}`. */
  readonly metadata: string;
  /**
   * Fields whose value is far above the rep's history: their message (in `errors`) asks to confirm, and
   * the metadata carries the values shown, so the same values submitted again are stored.
   */
  readonly confirm?: readonly string[];
}

export interface CheckInConfirmationView extends ViewBase {
  readonly type: 'checkin_confirmation';
  readonly title: string;
  readonly periodKey: string;
  readonly periodLabel: string;
  readonly lines: readonly KpiLine[];
  readonly submittedText: string;
  /** Until the deadline the rep can edit: then `actions` holds the edit button. */
  readonly editable: boolean;
  readonly actions: readonly ActionButton[];
}

export interface ReminderView extends ViewBase {
  readonly type: 'checkin_reminder';
  readonly title: string;
  readonly body: string;
  readonly deadlineText: string;
  readonly actions: readonly ActionButton[];
}

export interface LeaderboardRow {
  readonly rank: number;
  readonly memberId: string;
  readonly name: string;
  readonly score: number;
  readonly scoreText: string;
  /** + moved up, - moved down, 0 same, null new. */
  readonly movement: number | null;
  readonly movementText: string;
}

export interface LeaderboardView extends ViewBase {
  readonly type: 'leaderboard';
  readonly teamId: string;
  readonly title: string;
  readonly periodKey: string;
  readonly periodLabel: string;
  /** The public top N. */
  readonly rows: readonly LeaderboardRow[];
  /** Ranked members not shown ("and 12 more"). */
  readonly moreCount: number;
  readonly moreText?: string;
  /** Reactions on the previous leaderboard post, e.g. ":tada: 5  :fire: 3". */
  readonly reactions: readonly { readonly emoji: string; readonly count: number }[];
  readonly reactionsText?: string;
  /** The tally's label alone ("Reactions to the previous leaderboard:"), for layouts that draw the emoji themselves. */
  readonly reactionsLabel?: string;
  /** Members listed without a rank, each with why (out of office, no data yet...). */
  readonly unranked?: readonly { readonly memberId: string; readonly name: string; readonly reasonText: string }[];
  /** e.g. "Not ranked: Léa (out of office), Hugo (no data yet)". */
  readonly unrankedText?: string;
  /** e.g. "Score = weighted attainment, quality KPIs included." */
  readonly footer: string;
}

/** A member's own rank, sent privately after a leaderboard. */
export interface MyRankView extends ViewBase {
  readonly type: 'my_rank';
  readonly title: string;
  readonly rankText: string;
  readonly lines: readonly KpiLine[];
}

export interface CollectiveRowView {
  readonly objectiveId: string;
  readonly label: string;
  readonly line: KpiLine;
  readonly alertText: string;
  readonly ownerName: string;
}

export interface CollectiveProgressView extends ViewBase {
  readonly type: 'collective_progress';
  readonly teamId: string;
  readonly title: string;
  readonly periodLabel: string;
  readonly rows: readonly CollectiveRowView[];
}

export interface BreachNudgeView extends ViewBase {
  readonly type: 'breach_nudge';
  readonly breachId: number;
  readonly title: string;
  readonly body: string;
  readonly line: KpiLine;
  readonly alertText: string;
  /** Acknowledge, Snooze, Record decision. */
  readonly actions: readonly ActionButton[];
}

export interface EscalationView extends ViewBase {
  readonly type: 'escalation';
  readonly breachId: number;
  readonly title: string;
  readonly body: string;
  readonly line: KpiLine;
  readonly ownerName: string;
  readonly sinceText: string;
  readonly actions: readonly ActionButton[];
}

export interface StandupSummaryView extends ViewBase {
  readonly type: 'standup_summary';
  readonly teamId: string;
  readonly title: string;
  readonly periodLabel: string;
  /** e.g. "7 of 9 checked in (78 %)". */
  readonly completionText: string;
  readonly completion: number;
  readonly missing: readonly string[];
  readonly totals: readonly KpiLine[];
  readonly atRisk: readonly string[];
  readonly breaches: readonly string[];
  readonly blockers: readonly { readonly name: string; readonly text: string }[];
  readonly wins: readonly { readonly name: string; readonly text: string }[];
}

/** A chart attached to a review: the adapter uploads or links the PNG. */
export interface ChartRef {
  readonly id: string;
  readonly title: string;
  readonly altText: string;
}

export interface ReviewSection {
  readonly heading: string;
  readonly lines: readonly KpiLine[];
  readonly notes: readonly string[];
}

export interface MonthlyReviewView extends ViewBase {
  readonly type: 'monthly_review';
  readonly teamId: string;
  readonly title: string;
  readonly periodKey: string;
  readonly periodLabel: string;
  readonly sections: readonly ReviewSection[];
  readonly charts: readonly ChartRef[];
  readonly actions: readonly ActionButton[];
}

export interface QbrProposal {
  readonly objectiveId: string;
  readonly label: string;
  readonly currentText: string;
  readonly proposed: number;
  readonly proposedText: string;
  readonly rationale: string;
}

export interface QbrView extends ViewBase {
  readonly type: 'qbr';
  readonly teamId: string;
  readonly title: string;
  readonly periodKey: string;
  readonly periodLabel: string;
  readonly sections: readonly ReviewSection[];
  readonly proposals: readonly QbrProposal[];
  readonly decisions: readonly { readonly text: string; readonly statusText: string; readonly author: string }[];
  readonly charts: readonly ChartRef[];
  readonly actions: readonly ActionButton[];
}

/** "Where do I stand?": the member's objectives now, rank and next ritual. */
export interface MyGoalsView extends ViewBase {
  readonly type: 'my_goals';
  readonly title: string;
  readonly periodLabel: string;
  readonly lines: readonly KpiLine[];
  readonly rankText?: string;
  readonly nextRitualText?: string;
  /** Managers also get their team's summary. */
  readonly team?: StandupSummaryView;
  readonly actions: readonly ActionButton[];
}

/** The "Record decision" form (from a nudge, an escalation or a review). */
export interface DecisionFormView extends ViewBase {
  readonly type: 'decision_form';
  readonly title: string;
  readonly submitLabel: string;
  readonly cancelLabel: string;
  /** What the decision is about, shown above the inputs. */
  readonly context: string;
  readonly kinds: readonly { readonly value: 'decision' | 'hypothesis' | 'test' | 'result'; readonly label: string }[];
  readonly textLabel: string;
  readonly maxLength: number;
  readonly errors: Readonly<Record<string, string>>;
  /** Echoed back on submit: `{"objective","breach","team"}`. */
  readonly metadata: string;
}

/** Change a collective objective's target (a QBR proposal's "Change" button). */
export interface TargetFormView extends ViewBase {
  readonly type: 'target_form';
  readonly title: string;
  readonly submitLabel: string;
  readonly cancelLabel: string;
  /** What is changed: the objective, its current and proposed targets. */
  readonly context: string;
  /** The new target, prefilled with the proposal; its id is `target`. */
  readonly target: NumberField;
  /** Optional reason; its id is `reason`. */
  readonly reasonLabel: string;
  readonly maxLength: number;
  readonly errors: Readonly<Record<string, string>>;
  /** Echoed back on submit: `{"team","objective","from"}`. */
  readonly metadata: string;
}

/** A short message: confirmations, help, and errors in the user's language. */
export interface NoticeView extends ViewBase {
  readonly type: 'notice';
  readonly tone: 'info' | 'success' | 'error';
  readonly title?: string;
  readonly body: string;
  /** A list shown one entry per line (the help: one command each); `body` holds the same as plain text. */
  readonly items?: readonly string[];
  /** A team channel the notice is about (its ids from the config): linked where the platform can (Slack `<#C…>`). */
  readonly channel?: { readonly slack?: string; readonly teams?: string };
}

export type View =
  | CheckInPromptView
  | CheckInFormView
  | CheckInConfirmationView
  | ReminderView
  | LeaderboardView
  | MyRankView
  | CollectiveProgressView
  | BreachNudgeView
  | EscalationView
  | StandupSummaryView
  | MonthlyReviewView
  | QbrView
  | MyGoalsView
  | DecisionFormView
  | TargetFormView
  | NoticeView;

export type ViewType = View['type'];

/**
 * Every view type, once. `satisfies` refuses a name here that is no view; the check under it refuses a
 * view added to `View` and missing here. Renderers key their tables by these (core/view-renderers.ts).
 */
export const VIEW_TYPES = [
  'checkin_prompt',
  'checkin_form',
  'checkin_confirmation',
  'checkin_reminder',
  'leaderboard',
  'my_rank',
  'collective_progress',
  'breach_nudge',
  'escalation',
  'standup_summary',
  'monthly_review',
  'qbr',
  'my_goals',
  'decision_form',
  'target_form',
  'notice',
] as const satisfies readonly ViewType[];

// The other half of completeness: a ViewType missing from the list above fails here.
type MissingViewType = Exclude<ViewType, (typeof VIEW_TYPES)[number]>;
const viewTypesComplete: [MissingViewType] extends [never] ? true : MissingViewType = true;
void viewTypesComplete;

const viewTypeSet: ReadonlySet<string> = new Set(VIEW_TYPES);

/** Views arrive as stored JSON (outbox) or from a page: check the shape before trusting it. */
export function isView(value: unknown): value is View {
  if (!value || typeof value !== 'object') return false;
  const v = value as { type?: unknown; text?: unknown; locale?: unknown };
  return (
    typeof v.type === 'string' &&
    viewTypeSet.has(v.type) &&
    typeof v.text === 'string' &&
    (v.locale === 'en' || v.locale === 'fr')
  );
}
