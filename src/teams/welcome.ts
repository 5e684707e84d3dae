// The welcome on installation. A member who adds the app gets, in their 1:1 chat and their language,
// what the bot will do for them and when; a team's configured channel gets, once, what it will see
// there; someone the config does not know is told how to be added. Welcomes to members and channels go
// through the outbox under a key per chat or team: Teams sends both an installationUpdate and a
// conversationUpdate for one install (and the Agents Playground resends them on each start), and the
// outbox's stored keys make sure a restart or a second event never posts it again.
import type { TurnContext } from 'botbuilder';
import type { Clock, OutboxItemInput, OutboxPort } from '../core/ports/index.js';
import type { RitualsService } from '../core/service.js';
import type { Logger } from '../logging/logger.js';
import { baseConversationId } from './conversation-refs.js';
import type { Identity } from './identity.js';
import type { Replies } from './turns/reply.js';

export interface WelcomeDeps {
  readonly service: RitualsService;
  readonly outbox: OutboxPort;
  readonly replies: Replies;
  readonly clock: Clock;
  readonly log: Logger;
}

export function createWelcomes(deps: WelcomeDeps) {
  async function enqueue(item: Omit<OutboxItemInput, 'platform'>): Promise<boolean> {
    const res = await deps.outbox.enqueue([{ ...item, platform: 'teams' }], { at: deps.clock.now().toISOString() });
    return res.enqueued > 0;
  }

  return {
    /**
     * The app added in a 1:1 chat. `stranger`: whether to answer someone the config does not know (on one
     * of the two install events only, as that answer is not keyed).
     */
    async personal(ctx: TurnContext, who: Identity, opts: { stranger: boolean }): Promise<void> {
      if (!who.member) {
        if (!opts.stranger) return;
        const view = deps.service.welcome({
          kind: 'stranger',
          locale: who.locale,
          ...(who.aadObjectId ? { platformId: who.aadObjectId } : {}),
        });
        if (view) await deps.replies.send(ctx, who, view);
        return;
      }
      const view = deps.service.welcome({ kind: 'member', memberId: who.member.memberId, locale: who.locale });
      if (!view) return;
      const chat = baseConversationId(ctx.activity.conversation.id);
      const queued = await enqueue({
        dedupeKey: `teams:welcome:chat:${chat}`,
        destination: { kind: 'dm', memberId: who.member.memberId },
        view,
      });
      if (queued) deps.log.info({ member: who.member.memberId }, 'teams: welcome queued for a new member');
    },

    /** The app added to a team: what each linked workspace team's channel will see, posted once. */
    async channel(teamIds: readonly string[]): Promise<void> {
      for (const teamId of new Set(teamIds)) {
        const view = deps.service.welcome({ kind: 'channel', teamId });
        if (!view) continue;
        const queued = await enqueue({
          dedupeKey: `teams:welcome:team:${teamId}`,
          destination: { kind: 'channel', teamId },
          view,
        });
        deps.log.info(
          { team: teamId, queued },
          queued ? 'teams: channel welcome queued' : 'teams: channel welcome already posted',
        );
      }
    },
  };
}

export type Welcomes = ReturnType<typeof createWelcomes>;
