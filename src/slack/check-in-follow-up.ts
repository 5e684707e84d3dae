// What follows a check-in once Slack has its answer (the modal closed): the confirmation where the form
// came from (confirm-check-in.ts) and the refreshed Home tab (its figures and "Fill in my check-in"
// changed). Neither is part of the answer, and the Home tab is a whole "where do I stand" (the team's
// report of last week for the rank): in platform mode the web thread hands the job, plain data, to the
// background thread (background-protocol.ts), so the thread that answers Slack and Teams does not
// spend its time on it. Without a background thread it runs right after the ack, as before.
import type { webApi } from '@slack/bolt';
import type { MessageRef } from '../core/ports/index.js';
import type { View } from '../core/view-models.js';
import type { FormOrigin } from './blocks/check-in.js';
import { confirmCheckIn } from './confirm-check-in.js';
import type { SlackContext } from './context.js';
import { publishHome } from './home.js';
import { errorFields } from './log.js';

export interface CheckInFollowUp {
  readonly userId: string;
  /** The Slack workspace the form was submitted in (whose bot token the calls use). */
  readonly slackTeamId?: string;
  readonly origin: FormOrigin;
  /** The confirmation, as the core built it. */
  readonly view: View;
  /** The scheduled prompt the core is updating through the outbox, if any. */
  readonly updateRef?: MessageRef;
}

/** Sends the confirmation, then refreshes the Home tab. Never throws. */
export async function runCheckInFollowUp(
  ctx: SlackContext,
  client: webApi.WebClient,
  job: CheckInFollowUp,
): Promise<void> {
  await confirmCheckIn(ctx, client, job.userId, job.origin, job.view, job.updateRef);
  await publishHome(ctx, client, job.userId).catch((err) =>
    ctx.log.info({ err: errorFields(err) }, 'home not refreshed after a check-in'),
  );
}
