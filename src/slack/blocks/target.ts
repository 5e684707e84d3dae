// The "Change target" modal of a QBR proposal: the new target (prefilled with the proposal) and an
// optional reason. Sent as a message, the form shows its title and what it changes.
import type { types } from '@slack/bolt';
import type { TargetFormView } from '../../core/view-models.js';
import { type FormOrigin, formModal, INPUT_ACTION } from './check-in.js';
import { esc, header, plainText as plain, section } from './common.js';
import { type Block, LIMITS } from './limits.js';

export const TARGET_CALLBACK = 'rituals.target';
/** Block ids of the target modal's inputs, as the core names the fields. */
export const TARGET_FIELDS = { target: 'target', reason: 'reason' } as const;

/** The "Change target" modal of a QBR proposal: the new target (prefilled) and an optional reason. */
export function targetModal(v: TargetFormView, origin: FormOrigin = {}): types.ModalView {
  const f = v.target;
  return formModal(TARGET_CALLBACK, v, origin, [
    section(esc(v.context)),
    {
      type: 'input',
      block_id: TARGET_FIELDS.target,
      label: plain(f.unitHint ? `${f.label} (${f.unitHint})` : f.label, LIMITS.inputLabel),
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION,
        max_length: 40,
        ...(f.value ? { initial_value: f.value } : {}),
      },
    },
    {
      type: 'input',
      block_id: TARGET_FIELDS.reason,
      optional: true,
      label: plain(v.reasonLabel, LIMITS.inputLabel),
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION,
        multiline: true,
        max_length: Math.min(v.maxLength, LIMITS.inputMaxLength),
      },
    },
  ]);
}

/** The form sent as a message: its title and context (the inputs live in the modal). */
export function targetFormBlocks(v: TargetFormView): Block[] {
  return [header(v.title), section(esc(v.context))];
}
