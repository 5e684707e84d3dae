// Teams' ChatGateway: the outbox hands it a destination (a member's DM, a team's channel) and a neutral
// view; it finds the stored conversation reference (opening a 1:1 chat from a roster entry when needed),
// renders the view to Adaptive Cards (a review's charts as images, see chart-images.ts; a check-in
// prompt with the form it carries) and posts them through the Bot Connector. Failures are reported,
// never thrown; the outbox paces sends (Teams: 7/s per conversation, ~50/s per app) and retries.
import type { Activity, ConversationReference } from 'botbuilder';
import type { Workspace } from '../core/domain/model.js';
import type { ChatGateway, Clock, MessageRef, SendOutcome } from '../core/ports/index.js';
import { findMember, findTeam } from '../core/rituals/queries/team-lookup.js';
import { isView } from '../core/view-models.js';
import type { Logger } from '../logging/logger.js';
import type { BotAdapter, ConnectorClient } from './bot-adapter.js';
import { cardActivity, renderCards } from './cards/render.js';
import { chartImages, type TeamsCharts } from './chart-images.js';
import { baseConversationId, type ConversationRefs, type TeamsRefRecord } from './conversation-refs.js';
import { mapSendError } from './send-errors.js';

export interface GatewayDeps {
  readonly bot: BotAdapter;
  readonly refs: ConversationRefs;
  readonly workspace: () => Workspace;
  readonly clock: Clock;
  readonly log: Logger;
  /** Draws review charts for the cards' images; without it, reviews list their charts in text. */
  readonly charts?: TeamsCharts;
}

type Target = { readonly key: string; readonly ref: Partial<ConversationReference>; readonly conversationId: string };

const permanent = (code: string, reason: string): SendOutcome => ({ status: 'failed_permanent', code, reason });

export function createTeamsGateway(deps: GatewayDeps): ChatGateway {
  const at = () => deps.clock.now().toISOString();

  function outgoing(ref: Partial<ConversationReference>, activity: ReturnType<typeof cardActivity>): Partial<Activity> {
    return {
      ...activity,
      channelId: ref.channelId ?? 'msteams',
      serviceUrl: ref.serviceUrl,
      from: ref.bot,
      conversation: ref.conversation,
    };
  }

  /** A 1:1 chat created from a roster entry, stored as the member's personal reference. */
  async function openChat(rec: TeamsRefRecord): Promise<Target> {
    const e = rec.entry;
    let conversationId = '';
    await deps.bot.continue(e.ref, async (_ctx, connector: ConnectorClient) => {
      const res = await connector.conversations.createConversation({
        isGroup: false,
        bot: e.ref.bot!,
        members: [{ id: e.userId!, name: e.ref.user?.name ?? '' }],
        tenantId: e.tenantId,
        channelData: e.tenantId ? { tenant: { id: e.tenantId } } : undefined,
      } as never);
      conversationId = res.id ?? '';
    });
    if (!conversationId) throw new Error('createConversation returned no id');
    const ref: Partial<ConversationReference> = {
      ...e.ref,
      conversation: {
        id: conversationId,
        conversationType: 'personal',
        tenantId: e.tenantId,
        isGroup: false,
        name: '',
      },
    };
    await deps.refs.save(rec.key, { ...e, kind: 'personal', ref }, { at: at() });
    deps.log.info({ member: rec.memberId }, 'teams: 1:1 chat opened from the team roster');
    return { key: rec.key, ref, conversationId };
  }

  async function memberTarget(memberId: string): Promise<Target | SendOutcome> {
    let rec = await deps.refs.forMember(memberId);
    if (!rec) {
      // Stored before the user was mapped: find it by the config's Teams id and link it.
      const aad = findMember(deps.workspace(), memberId)?.member.ids.teams;
      const byAad = aad ? await deps.refs.get(aad) : undefined;
      if (byAad?.entry.dead)
        return permanent(
          'teams.conversation_dead',
          `the member's chat with the bot is closed (${byAad.entry.deadReason ?? 'removed'})`,
        );
      if (byAad && (byAad.entry.kind === 'personal' || byAad.entry.kind === 'roster')) {
        await deps.refs.save(byAad.key, byAad.entry, { memberId, at: at() });
        rec = { ...byAad, memberId };
      }
    }
    if (!rec)
      return permanent(
        'teams.not_installed',
        'the member has no chat with the bot: install the app for them or in their team',
      );
    if (rec.entry.kind === 'roster') return openChat(rec);
    const id = rec.entry.ref.conversation?.id;
    return id
      ? { key: rec.key, ref: rec.entry.ref, conversationId: id }
      : permanent('teams.bad_reference', 'stored reference has no conversation');
  }

  async function channelTarget(teamId: string): Promise<Target | SendOutcome> {
    const configured = findTeam(deps.workspace(), teamId)?.channels.teams;
    const wanted = configured ? baseConversationId(configured) : undefined;
    const direct = wanted ? await deps.refs.get(wanted) : undefined;
    if (direct?.entry.dead)
      return permanent(
        'teams.conversation_dead',
        `the team's channel is closed to the bot (${direct.entry.deadReason ?? 'removed'})`,
      );
    const rec = direct ?? (await deps.refs.forTeam(teamId))[0];
    if (!rec) return permanent('teams.no_channel', `the app is not installed in the channel of team ${teamId}`);
    // Any channel of a team the bot is in can be posted to: aim at the configured one.
    const conversationId =
      rec.entry.kind === 'channel' && wanted ? wanted : (rec.entry.ref.conversation?.id ?? rec.key);
    const ref = { ...rec.entry.ref, conversation: { ...rec.entry.ref.conversation!, id: conversationId } };
    return { key: rec.key, ref, conversationId };
  }

  async function fail(err: unknown, key: string, markDead: boolean): Promise<SendOutcome> {
    const mapped = mapSendError(err);
    if (mapped.deadConversation && markDead) {
      await deps.refs.markDead(
        key,
        mapped.outcome.status === 'failed_permanent' ? mapped.outcome.reason : 'refused',
        at(),
      );
      deps.log.warn(
        { key, code: mapped.outcome.status === 'failed_permanent' ? mapped.outcome.code : undefined },
        'teams: conversation refused the bot; reference marked dead',
      );
    }
    return mapped.outcome;
  }

  return {
    platform: 'teams',

    async send(dest, view) {
      if (!isView(view)) return permanent('teams.bad_view', 'not a view');
      let target: Target | SendOutcome;
      try {
        target = dest.kind === 'dm' ? await memberTarget(dest.memberId) : await channelTarget(dest.teamId);
      } catch (err) {
        const key = dest.kind === 'dm' ? dest.memberId : dest.teamId;
        return fail(err, key, false);
      }
      if ('status' in target) return target;
      const t = target;
      const cards = renderCards(view, { chartImages: await chartImages(view, deps.charts, deps.log) });
      const ids: string[] = [];
      try {
        await deps.bot.continue(t.ref, async (_ctx, connector) => {
          for (const c of cards) {
            const res = await connector.conversations.sendToConversation(
              t.conversationId,
              outgoing(t.ref, cardActivity(c, view.text)),
            );
            ids.push(res.id ?? '');
          }
        });
      } catch (err) {
        // Part of a split view went out: report it sent rather than post the first part twice.
        if (ids.length > 0)
          deps.log.warn(
            { key: t.key, sent: ids.length, parts: cards.length },
            'teams: only part of a split message was sent',
          );
        else return fail(err, t.key, true);
      }
      const ref: MessageRef = { platform: 'teams', conversation: baseConversationId(t.conversationId), id: ids[0]! };
      return { status: 'sent', ref };
    },

    async update(ref, view) {
      if (!isView(view)) return permanent('teams.bad_view', 'not a view');
      const rec = await deps.refs.byConversation(ref.conversation);
      if (!rec) return permanent('teams.unknown_conversation', 'no stored reference for this conversation');
      if (rec.entry.dead) return permanent('teams.conversation_dead', rec.entry.deadReason ?? 'removed');
      const card = renderCards(view, { chartImages: await chartImages(view, deps.charts, deps.log) })[0]!;
      const convRef = { ...rec.entry.ref, conversation: { ...rec.entry.ref.conversation!, id: ref.conversation } };
      try {
        await deps.bot.continue(convRef, async (_ctx, connector) => {
          await connector.conversations.updateActivity(ref.conversation, ref.id, {
            ...outgoing(convRef, cardActivity(card, view.text)),
            id: ref.id,
          });
        });
      } catch (err) {
        // A 404 here is the message (deleted), not the conversation.
        const status = (err as { statusCode?: number }).statusCode;
        return fail(err, rec.key, status !== 404);
      }
      return { status: 'sent', ref };
    },
  };
}
