// Who is looking at the page and what they see: the member's language and zone, their threads (DMs,
// their teams' channels, the admin's imports), and the state the page polls — thread list, sandbox time,
// rendered messages with their captions.
import type { Locale, Member, Team, Workspace } from '../core/domain/model.js';
import { formatDateTime } from '../core/i18n/format.js';
import { t } from '../core/i18n/index.js';
import { st } from './i18n.js';
import { captionFor } from './render/captions.js';
import type { Viewer } from './render/message.js';
import { renderMessage } from './render/message.js';
import type { RenderOptions } from './render/render.js';
import { ADMIN_THREAD, channelThread, dmThread, type ThreadId, type ThreadStore } from './threads.js';

export interface ThreadInfo {
  readonly id: ThreadId;
  readonly kind: 'dm' | 'channel' | 'admin';
  readonly title: string;
}

export interface ViewerContext extends Viewer {
  readonly member: Member;
  readonly teams: readonly Team[];
  readonly isManager: boolean;
  readonly threads: readonly ThreadInfo[];
}

/** The member asked for; else a rep of the first team speaking `locale` (the browser's language), so a
 * newcomer lands where the weekly check-in happens; else the first member with a role; else anyone. */
export function pickMember(
  ws: Workspace,
  requested: string | null | undefined,
  locale?: Locale,
): { member: Member; teams: Team[] } | undefined {
  const all = ws.teams.flatMap((team) => team.members.map((member) => ({ member, team })));
  const rep = (x: { member: Member; team: Team }) => x.member.role !== undefined;
  const speaks = (x: { member: Member; team: Team }) =>
    (x.member.locale ?? x.team.locale) === locale && x.team.locale === locale;
  const found =
    all.find((x) => x.member.id === requested) ?? all.find((x) => rep(x) && speaks(x)) ?? all.find(rep) ?? all[0];
  if (!found) return undefined;
  return { member: found.member, teams: ws.teams.filter((team) => team.members.some((m) => m.id === found.member.id)) };
}

export function viewerContext(
  ws: Workspace,
  requested: string | null | undefined,
  preferred?: Locale,
): ViewerContext | undefined {
  const picked = pickMember(ws, requested, preferred);
  if (!picked) return undefined;
  const { member, teams } = picked;
  const first = teams[0]!;
  // Same rule as the core: the member's language, else their team's.
  const locale: Locale = member.locale ?? first.locale;
  const isManager = teams.some((team) => team.managers.includes(member.id));
  const names = new Map(ws.teams.flatMap((team) => team.members.map((m) => [m.id, m.name] as const)));
  return {
    memberId: member.id,
    member,
    teams,
    locale,
    timezone: member.timezone ?? first.timezone,
    names,
    isManager,
    threads: [
      { id: dmThread(member.id), kind: 'dm', title: t(locale, 'sandbox.dm') },
      ...teams.map((team) => ({ id: channelThread(team.id), kind: 'channel' as const, title: team.name })),
      // Managers double as the sandbox's admins (sales ops): they see the data imports.
      ...(isManager ? [{ id: ADMIN_THREAD, kind: 'admin' as const, title: st(locale, 'admin.thread') }] : []),
    ],
  };
}

export interface PageState {
  readonly version: number;
  readonly now: string;
  readonly nowText: string;
  readonly threads: readonly (ThreadInfo & { readonly count: number })[];
  readonly thread?: { readonly id: ThreadId; readonly html: string; readonly empty: boolean };
}

export function nowText(viewer: Pick<Viewer, 'locale' | 'timezone'>, now: Date): string {
  const weekday = new Intl.DateTimeFormat(viewer.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    timeZone: viewer.timezone,
  }).format(now);
  return `${weekday} ${formatDateTime(viewer.locale, now.toISOString(), viewer.timezone)} (${viewer.timezone})`;
}

export function pageState(
  viewer: ViewerContext,
  threads: ThreadStore,
  now: Date,
  threadId: string | null,
  opts: RenderOptions,
): PageState {
  const active = viewer.threads.find((th) => th.id === threadId) ?? viewer.threads[0]!;
  const messages = threads.list(active.id);
  // Captions name the schedule of the thread's team: the channel's, or the viewer's own team for DMs.
  const team = viewer.teams.find((tm) => channelThread(tm.id) === active.id) ?? viewer.teams[0];
  const withCaptions: RenderOptions = {
    ...opts,
    locale: viewer.locale,
    captionFor: (type) => captionFor(type, team, viewer.locale),
  };
  return {
    version: threads.version,
    now: now.toISOString(),
    nowText: nowText(viewer, now),
    threads: viewer.threads.map((th) => ({ ...th, count: threads.list(th.id).length })),
    thread: {
      id: active.id,
      html: messages.map((m) => renderMessage(m, viewer, withCaptions).value).join('\n'),
      empty: messages.length === 0,
    },
  };
}
