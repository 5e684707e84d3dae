// The shape an activity must have before botbuilder and the turn handler see it. The Bot Connector only
// sends well-formed activities, but /api/messages is reachable by anyone in local development (and a
// token proves who sent an activity, not that it is sane): the SDK throws on a missing `type` (a 500),
// and the handlers read `from`, `conversation` and member lists without checking them (a null there, or
// an object where an id is expected, used to fail deep inside a turn or at the database). Checked here
// once; a malformed activity is answered 400 and goes no further. Card data (`value`) is checked later.
import { z } from 'zod';

const account = z.looseObject({
  id: z.string().min(1).max(512),
  name: z.string().max(1024).optional(),
  aadObjectId: z.string().min(1).max(256).optional(),
});

const activitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  name: z.string().max(256).optional(),
  // Where every reply goes: an http(s) URL (with authentication on, the token must vouch for it too).
  serviceUrl: z
    .string()
    .max(2048)
    .regex(/^https?:\/\/[^\s/]+/, 'must be an http(s) URL'),
  channelId: z.string().max(64).optional(),
  from: account,
  recipient: account.optional(),
  conversation: z.looseObject({
    id: z.string().min(1).max(1024),
    tenantId: z.string().max(256).optional(),
    conversationType: z.string().max(64).optional(),
  }),
  text: z.string().optional(),
  locale: z.string().max(64).optional(),
  replyToId: z.string().max(1024).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  membersAdded: z.array(account).optional(),
  membersRemoved: z.array(account).optional(),
  reactionsAdded: z.array(z.looseObject({ type: z.string() })).optional(),
  reactionsRemoved: z.array(z.looseObject({ type: z.string() })).optional(),
});

/** Why the activity cannot be processed (the first problem, e.g. `from.aadObjectId: ...`), or undefined. */
export function activityProblem(body: unknown): string | undefined {
  const parsed = activitySchema.safeParse(body);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join('.') || 'activity'}: ${issue.message}`;
}
