// Reads a modal submission's state (zod-checked) into the core's inputs, and turns the core's field
// errors into Slack's `response_action: errors` map keyed by the inputs' block ids.
import { z } from 'zod';
import { INPUT_ACTION } from './blocks/check-in.js';

const stateSchema = z.record(
  z.string(),
  z.record(
    z.string(),
    z.object({
      type: z.string(),
      value: z.string().nullish(),
      selected_option: z.object({ value: z.string() }).nullish(),
    }),
  ),
);

export type SubmittedValues = Readonly<Record<string, string>>;

/** block id -> typed text (or selected option value); blank inputs are left out. */
export function readState(state: unknown): SubmittedValues {
  const parsed = stateSchema.safeParse((state as { values?: unknown } | undefined)?.values ?? {});
  if (!parsed.success) return {};
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(parsed.data)) {
    const input = actions[INPUT_ACTION];
    const value = input?.selected_option?.value ?? input?.value ?? undefined;
    if (value !== undefined && value !== null && value.trim() !== '') out[blockId] = value;
  }
  return out;
}

/** The block ids of a submitted view's input blocks, in order. */
export function inputBlockIds(view: { blocks?: readonly unknown[] }): string[] {
  return (view.blocks ?? [])
    .map((b) => b as { type?: unknown; block_id?: unknown })
    .filter((b) => b.type === 'input' && typeof b.block_id === 'string')
    .map((b) => b.block_id as string);
}

/**
 * Slack shows an error only under an input block that exists: errors on other keys (the whole form)
 * are shown under the first input, so the user always sees why nothing was saved.
 */
export function slackErrors(
  errors: Readonly<Record<string, string>>,
  blockIds: readonly string[],
  fallback: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const orphans: string[] = [];
  for (const [field, message] of Object.entries(errors)) {
    if (blockIds.includes(field)) out[field] = message;
    else orphans.push(message);
  }
  const first = blockIds[0];
  if (first !== undefined && (orphans.length > 0 || Object.keys(out).length === 0)) {
    out[first] = [out[first], ...orphans].filter(Boolean).join(' ') || fallback;
  }
  return out;
}
