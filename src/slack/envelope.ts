// The shape a signed request must have before Bolt sees it. Slack only sends well-formed envelopes, but a
// signature proves who sent a body, not that it is sane; Bolt reads fields such as `event.channel`,
// `user.team_id` or `view.app_installed_team_id` without checking them, and throws on a null or a
// string there (a 500, and Slack retrying). Anything else is answered 400 and goes no further.
import { z } from 'zod';

const object = z.record(z.string(), z.unknown());
const user = z.looseObject({ id: z.string().min(1) });
const team = z.union([z.looseObject({ id: z.string() }), z.null()]).optional();

const INTERACTIVE = [
  'block_actions',
  'block_suggestion',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
  'interactive_message',
  'dialog_submission',
  'dialog_cancellation',
  'dialog_suggestion',
  'workflow_step_edit',
] as const;

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  // Bolt looks for the conversation in event.channel (an id or an object) and event.item (reactions).
  event: z.looseObject({
    type: z.string().min(1),
    channel: z.union([z.string(), object]).optional(),
    item: object.optional(),
  }),
  team_id: z.string().optional(),
});
const interactive = z.looseObject({
  type: z.enum(INTERACTIVE),
  user,
  team,
  view: object.optional(),
  actions: z.array(object).optional(),
  channel: z.union([object, z.null()]).optional(),
  message: z.union([object, z.null()]).optional(),
  container: z.union([object, z.null()]).optional(),
});
const slashCommand = z.looseObject({
  command: z.string().min(1),
  user_id: z.string().min(1),
  team_id: z.string().optional(),
});
const rateLimited = z.looseObject({ type: z.literal('app_rate_limited') });

/** Why Bolt must not see this body, or undefined when it is a well-formed envelope. */
export function envelopeProblem(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'not an object';
  const b = body as Record<string, unknown>;
  if (b.type === 'event_callback') return eventCallback.safeParse(b).success ? undefined : 'malformed event_callback';
  if (typeof b.type === 'string' && (INTERACTIVE as readonly string[]).includes(b.type)) {
    const parsed = interactive.safeParse(b);
    if (!parsed.success) return `malformed ${b.type}`;
    if ((b.type === 'view_submission' || b.type === 'view_closed') && !parsed.data.view)
      return `${b.type} without a view`;
    if (b.type === 'block_actions' && !parsed.data.actions) return 'block_actions without actions';
    return undefined;
  }
  if ('command' in b) return slashCommand.safeParse(b).success ? undefined : 'malformed slash command';
  if (rateLimited.safeParse(b).success) return undefined;
  return 'unknown kind of request';
}
