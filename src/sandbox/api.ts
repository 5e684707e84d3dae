// The sandbox page's API behind the routes: renders the page and its polled state for a member, and
// runs what they do (commands, buttons, forms, reactions, the clock, reset), answering with dialogs
// and toasts already rendered in the member's language.
import { readFileSync } from 'node:fs';
import type { Locale, RitualId, Workspace } from '../core/domain/model.js';
import { t } from '../core/i18n/index.js';
import type { ActionId } from '../core/view-models.js';
import { HttpError } from '../http/server.js';
import type { SandboxClock } from './clock.js';
import { localeFromAcceptLanguage, st } from './i18n.js';
import { InteractionError, type Interactions, type PageOutcome } from './interactions.js';
import { nowText, pageState, type ViewerContext, viewerContext } from './page-state.js';
import { isKnownEmoji } from './render/emoji.js';
import { renderPage, ritualKey } from './render/page.js';
import { type RenderOptions, renderView } from './render/render.js';
import { SandboxResetError } from './reset.js';
import type { SandboxRequests } from './routes.js';
import type { ThreadStore } from './threads.js';
import type { AdvanceResult, TimeTravel } from './time-travel.js';
import { travelSummary } from './travel-summary.js';

const STATIC: Readonly<Record<string, string>> = {
  'sandbox.css': 'text/css; charset=utf-8',
  'sandbox.js': 'text/javascript; charset=utf-8',
};

export interface SandboxApiDeps {
  readonly workspace: () => Workspace;
  readonly threads: ThreadStore;
  readonly clock: SandboxClock;
  readonly interactions: Interactions;
  readonly timeTravel: TimeTravel;
  readonly reset: () => Promise<void>;
  /** Runs a team's ritual now and delivers what it posts. */
  readonly runNow: (teamId: string, ritual: RitualId) => Promise<void>;
  readonly chartPng?: (id: string, locale: Locale) => Promise<Buffer | undefined>;
}

export class SandboxApi {
  private readonly files = new Map<string, { type: string; body: Buffer }>();

  constructor(private readonly deps: SandboxApiDeps) {
    for (const [name, type] of Object.entries(STATIC)) {
      this.files.set(name, { type, body: readFileSync(new URL(`./static/${name}`, import.meta.url)) });
    }
  }

  private viewer(memberId: string | null | undefined, strict = true, preferred?: Locale): ViewerContext {
    const v = viewerContext(this.deps.workspace(), memberId, preferred);
    if (!v || (strict && v.memberId !== memberId)) throw new HttpError(404, 'unknown member');
    return v;
  }

  renderOptions(v: Pick<ViewerContext, 'locale'>, formId?: string): RenderOptions {
    const L = (k: 'missing' | 'atRisk' | 'breaches' | 'blockers' | 'wins') => t(v.locale, `chat.standup.${k}`);
    return {
      standupLabels: {
        missing: L('missing'),
        atRisk: L('atRisk'),
        breaches: L('breaches'),
        blockers: L('blockers'),
        wins: L('wins'),
      },
      ...(this.deps.chartPng
        ? { chartUrl: (id: string) => `/sandbox/charts/png?${new URLSearchParams({ id, locale: v.locale })}` }
        : {}),
      formId,
    };
  }

  /** The page of `memberId`; without one, a rep speaking `lang` (the switch), else the browser's language,
   * else the workspace's. */
  page(memberId: string | null, lang?: string | null, acceptLanguage?: string): string {
    // A browser speaking neither language gets the workspace's own.
    const preferred: Locale =
      lang === 'en' || lang === 'fr'
        ? lang
        : (localeFromAcceptLanguage(acceptLanguage) ?? this.deps.workspace().defaults.locale);
    const v = this.viewer(memberId, false, preferred);
    const ws = this.deps.workspace();
    const rituals = [
      ...new Set(
        ws.teams.flatMap((team) =>
          Object.entries(team.rituals)
            .filter(([, s]) => s?.enabled)
            .map(([r]) => r as RitualId),
        ),
      ),
    ];
    return renderPage({
      workspace: ws,
      memberId: v.memberId,
      locale: v.locale,
      threads: v.threads,
      nowText: nowText(v, this.deps.clock.now()),
      rituals,
      isManager: v.isManager,
      hasRole: v.member.role !== undefined,
    });
  }

  /** A review chart's PNG in the viewer's language; undefined when charts are off or the id is not one. */
  async chart(id: string | null, locale: string | null): Promise<Buffer | undefined> {
    if (!this.deps.chartPng || !id) return undefined;
    return this.deps.chartPng(id, locale === 'fr' ? 'fr' : 'en');
  }

  staticFile(name: string): { type: string; body: Buffer } | undefined {
    return this.files.get(name);
  }

  state(memberId: string | null, thread: string | null, seen: string | null): unknown {
    const v = this.viewer(memberId);
    const now = this.deps.clock.now();
    if (seen !== null && Number(seen) === this.deps.threads.version)
      return { unchanged: true, version: this.deps.threads.version, nowText: nowText(v, now) };
    return pageState(v, this.deps.threads, now, thread, this.renderOptions(v));
  }

  private outcome(v: ViewerContext, out: PageOutcome): unknown {
    if (!out.dialog) return { ok: out.ok };
    return {
      ok: out.ok,
      dialog: { html: renderView(out.dialog.view, this.renderOptions(v, out.dialog.formId)).value },
    };
  }

  private async guarded(fn: () => Promise<unknown>): Promise<unknown> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof InteractionError) throw new HttpError(err.status, err.message);
      throw err;
    }
  }

  command(b: SandboxRequests['command']): Promise<unknown> {
    const v = this.viewer(b.member);
    return this.guarded(async () => this.outcome(v, await this.deps.interactions.command(v.memberId, b.text)));
  }

  action(b: SandboxRequests['action']): Promise<unknown> {
    const v = this.viewer(b.member);
    return this.guarded(async () =>
      this.outcome(v, await this.deps.interactions.action(v.memberId, b.action as ActionId, b.value, b.message)),
    );
  }

  checkIn(b: SandboxRequests['checkin']): Promise<unknown> {
    const v = this.viewer(b.member);
    return this.guarded(async () => this.outcome(v, await this.deps.interactions.checkIn(v.memberId, b)));
  }

  decision(b: SandboxRequests['decision']): Promise<unknown> {
    const v = this.viewer(b.member);
    return this.guarded(async () => this.outcome(v, await this.deps.interactions.decision(v.memberId, b)));
  }

  targetChange(b: SandboxRequests['target']): Promise<unknown> {
    const v = this.viewer(b.member);
    return this.guarded(async () => this.outcome(v, await this.deps.interactions.targetChange(v.memberId, b)));
  }

  reaction(b: SandboxRequests['reaction']): Promise<unknown> {
    const v = this.viewer(b.member);
    if (!isKnownEmoji(b.emoji)) throw new HttpError(400, 'unknown emoji');
    return this.guarded(async () => ({
      ok: true,
      changed: await this.deps.interactions.react(v.memberId, b.message, b.emoji, b.added),
    }));
  }

  async clock(b: SandboxRequests['clock']): Promise<unknown> {
    const v = this.viewer(b.member, false);
    const common = { viewer: v.memberId, confirmed: b.confirm === true };
    const req =
      b.advance === 'next'
        ? { to: 'next' as const, ritual: b.ritual as RitualId | undefined, ...common }
        : { to: b.advance, ...common };
    const result: AdvanceResult = await this.deps.timeTravel.advance(req);
    if (result.confirm) {
      const to = nowText(v, new Date(result.confirm.to));
      return {
        ok: true,
        confirm: {
          question: st(v.locale, 'travel.confirm', { days: result.confirm.days, time: to }),
          to: result.confirm.to,
        },
        now: result.now,
        nowText: nowText(v, new Date(result.now)),
      };
    }
    const now = new Date(result.now);
    // A review due on a holiday did not run: it moved to the next working day (the summary says so).
    const moved = result.postponed ?? [];
    const ran = result.visited.filter(
      (p) => !(p.kind === 'fire' && moved.some((x) => x.teamId === p.teamId && x.ritual === p.ritual)),
    );
    const labels = [
      ...new Set(
        ran.map((p) => (p.kind === 'reminder' ? t(v.locale, 'sandbox.reminder') : t(v.locale, ritualKey(p.ritual)))),
      ),
    ];
    // Where the member should look: the first of their threads that got something.
    const threads = new Set(v.threads.map((th) => th.id as string));
    const focus = result.delivered.find((d) => threads.has(d.thread))?.thread;
    return {
      ok: true,
      now: result.now,
      nowText: nowText(v, now),
      visited: result.visited.length,
      ...(focus ? { thread: focus } : {}),
      message: travelSummary(this.deps.workspace(), result, v, nowText(v, now)),
      // A jump of more than a week also lists every ritual that ran.
      ...(b.confirm && labels.length > 0 ? { ran: st(v.locale, 'travel.ran', { items: labels.join(', ') }) } : {}),
    };
  }

  /** Runs a ritual of the member's first team now (the guided start's "open the monthly review"). */
  async run(b: SandboxRequests['run']): Promise<unknown> {
    const v = this.viewer(b.member);
    const team = v.teams[0]!;
    await this.deps.runNow(team.id, b.ritual as RitualId);
    return { ok: true, thread: `channel:${team.id}` };
  }

  async reset(b: SandboxRequests['reset']): Promise<unknown> {
    const v = this.viewer(b.member, false);
    try {
      await this.deps.reset();
    } catch (err) {
      if (err instanceof SandboxResetError) throw new HttpError(409, err.message);
      throw err;
    }
    return { ok: true, message: t(v.locale, 'sandbox.resetDone') };
  }
}
