// The Slack ChatGateway: renders a neutral view to Block Kit and posts it (chat.postMessage to a team
// channel, or to a member's DM opened with conversations.open) or updates a sent message (chat.update).
// A review's charts follow in the message's thread (chart-uploads.ts) when a chart source is given.
// It never throws: Slack's answers become SendOutcomes, and the outbox decides about retries. Each call
// uses the bot token of the destination's workspace (workspace-tokens.ts).
import type { webApi } from '@slack/bolt';
import type { ChatGateway, Destination, MessageRef, SendOutcome } from '../core/ports/index.js';
import { isView } from '../core/view-models.js';
import { renderMessage } from './blocks/render.js';
import { type SlackChartSource, uploadReviewCharts } from './chart-uploads.js';
import type { SlackDirectory } from './directory.js';
import { localFailure, toSendOutcome } from './errors.js';
import type { SlackLog } from './log.js';
import { withRequestAuth } from './request-auth.js';

export interface SlackGatewayDeps {
  /** A client with retries off and rejectRateLimitedCalls on (see client.ts): the outbox owns retries. */
  readonly client: webApi.WebClient;
  readonly directory: SlackDirectory;
  readonly log: SlackLog;
  /** Draws review charts for upload; without it, reviews list their charts in text only. */
  readonly charts?: SlackChartSource;
}

export function createSlackGateway({ client, directory, log, charts }: SlackGatewayDeps): ChatGateway {
  async function channelFor(destination: Destination, slackTeam: string | undefined): Promise<string | SendOutcome> {
    if (destination.kind === 'channel') {
      if (!directory.team(destination.teamId)) return localFailure('unknown_team');
      return directory.channelOf(destination.teamId) ?? localFailure('no_slack_channel');
    }
    const user = await directory.userIdOf(destination.memberId);
    if (!user.ok) return localFailure(user.code);
    return directory.dmChannelOf(user.userId, slackTeam);
  }

  async function send(destination: Destination, view: unknown): Promise<SendOutcome> {
    if (!isView(view)) return localFailure('unknown_view');
    try {
      // The workspace's bot token (one per installed workspace; the one token otherwise).
      const slackTeam = directory.slackTeamOf(destination);
      const auth = await directory.auth(slackTeam);
      const channel = await channelFor(destination, slackTeam);
      if (typeof channel !== 'string') return channel;
      const message = renderMessage(view);
      const res = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...auth,
      });
      const ref: MessageRef = {
        platform: 'slack',
        conversation: res.channel ?? channel,
        id: res.ts ?? '',
        ...(slackTeam ? { workspace: slackTeam } : {}),
      };
      log.debug({ view: view.type, destination: destination.kind, channel: ref.conversation }, 'slack message sent');
      // After the post: the upload needs the message's ts, and its failure never fails the post.
      if (charts && ref.id)
        await uploadReviewCharts({
          client,
          charts,
          log,
          view,
          channel: ref.conversation,
          threadTs: ref.id,
          token: auth.token,
        });
      return { status: 'sent', ref };
    } catch (err) {
      const outcome = toSendOutcome(err);
      log.warn(
        {
          view: view.type,
          destination: destination.kind,
          outcome: outcome.status,
          code: 'code' in outcome ? outcome.code : undefined,
        },
        'slack send failed',
      );
      return outcome;
    }
  }

  async function update(ref: MessageRef, view: unknown): Promise<SendOutcome> {
    if (ref.platform !== 'slack') return localFailure('wrong_platform');
    if (!isView(view)) return localFailure('unknown_view');
    try {
      const message = renderMessage(view);
      const auth = await directory.auth(ref.workspace);
      const res = await client.chat.update({
        channel: ref.conversation,
        ts: ref.id,
        text: message.text,
        blocks: message.blocks,
        ...auth,
      });
      return {
        status: 'sent',
        ref: {
          platform: 'slack',
          conversation: res.channel ?? ref.conversation,
          id: res.ts ?? ref.id,
          ...(ref.workspace ? { workspace: ref.workspace } : {}),
        },
      };
    } catch (err) {
      const outcome = toSendOutcome(err);
      log.warn(
        { view: view.type, outcome: outcome.status, code: 'code' in outcome ? outcome.code : undefined },
        'slack update failed',
      );
      return outcome;
    }
  }

  // The outbox may be kicked from inside a request (a check-in's nudges): its sends must not borrow that
  // request's workspace token, so they run outside any request's context and resolve their own.
  const outsideRequest = <T>(fn: () => Promise<T>): Promise<T> => withRequestAuth({}, fn);

  return {
    platform: 'slack',
    send: (destination, view) => outsideRequest(() => send(destination, view)),
    update: (ref, view) => outsideRequest(() => update(ref, view)),
  };
}
