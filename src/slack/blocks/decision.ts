// The "Record decision" modal opened from a nudge, an escalation or a review: a kind (decision,
// hypothesis, test, result) and a text that go to the team's decision log. Also the "Change target"
// modal of a QBR proposal.
import type { types } from '@slack/bolt';
import { t } from '../../core/i18n/index.js';
import type { DecisionFormView, TargetFormView } from '../../core/view-models.js';
import { encodeMetadata, INPUT_ACTION, type FormOrigin } from './check-in.js';
import { esc, section } from './common.js';
import { clip, LIMITS } from './limits.js';

export const DECISION_CALLBACK = 'rituals.decision';
/** Block ids of the decision modal's inputs (the core's error keys map onto them). */
export const DECISION_FIELDS = { kind: 'kind', text: 'text' } as const;

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: clip(text || ' ', max), emoji: true });

export function decisionModal(v: DecisionFormView, origin: FormOrigin = {}): types.ModalView {
  const options = v.kinds.slice(0, LIMITS.selectOptions).map((k) => ({ text: plain(k.label, LIMITS.optionText), value: k.value }));
  return {
    type: 'modal',
    callback_id: DECISION_CALLBACK,
    title: plain(v.title, LIMITS.modalTitle),
    submit: plain(v.submitLabel, LIMITS.modalButton),
    close: plain(v.cancelLabel, LIMITS.modalButton),
    private_metadata: encodeMetadata(v.metadata, origin),
    blocks: [
      section(esc(v.context)),
      {
        type: 'input',
        block_id: DECISION_FIELDS.kind,
        label: plain(t(v.locale, 'chat.decisionKind'), LIMITS.inputLabel),
        element: { type: 'static_select', action_id: INPUT_ACTION, options, ...(options[0] ? { initial_option: options[0] } : {}) },
      },
      {
        type: 'input',
        block_id: DECISION_FIELDS.text,
        label: plain(v.textLabel, LIMITS.inputLabel),
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, multiline: true, max_length: Math.min(v.maxLength, LIMITS.inputMaxLength) },
      },
    ],
  };
}

export const TARGET_CALLBACK = 'rituals.target';
/** Block ids of the target modal's inputs, as the core names the fields. */
export const TARGET_FIELDS = { target: 'target', reason: 'reason' } as const;

/** The "Change target" modal of a QBR proposal: the new target (prefilled) and an optional reason. */
export function targetModal(v: TargetFormView, origin: FormOrigin = {}): types.ModalView {
  const f = v.target;
  return {
    type: 'modal',
    callback_id: TARGET_CALLBACK,
    title: plain(v.title, LIMITS.modalTitle),
    submit: plain(v.submitLabel, LIMITS.modalButton),
    close: plain(v.cancelLabel, LIMITS.modalButton),
    private_metadata: encodeMetadata(v.metadata, origin),
    blocks: [
      section(esc(v.context)),
      {
        type: 'input',
        block_id: TARGET_FIELDS.target,
        label: plain(f.unitHint ? `${f.label} (${f.unitHint})` : f.label, LIMITS.inputLabel),
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, max_length: 40, ...(f.value ? { initial_value: f.value } : {}) },
      },
      {
        type: 'input',
        block_id: TARGET_FIELDS.reason,
        optional: true,
        label: plain(v.reasonLabel, LIMITS.inputLabel),
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, multiline: true, max_length: Math.min(v.maxLength, LIMITS.inputMaxLength) },
      },
    ],
  };
}
