// The App Home tab of a Slack user: their goals (managers also get their team and a row of manager
// actions), or, for someone not in the config, how to be added. Published when the tab is opened and
// again after a check-in, so the tab never offers "Fill in my check-in" once it is done.
import type { webApi } from '@slack/bolt';
import { renderHome } from './blocks/render.js';
import { identify, type SlackContext, strangerNotice } from './context.js';

export async function publishHome(ctx: SlackContext, client: webApi.WebClient, userId: string): Promise<void> {
  const who = await identify(ctx, userId);
  // Someone not in the config learns how to be added: their Slack member id is what an admin writes.
  const view = who.member ? await ctx.service.myGoals(who.member.memberId) : strangerNotice(ctx, who);
  await client.views.publish({ user_id: userId, view: renderHome(view) });
}
