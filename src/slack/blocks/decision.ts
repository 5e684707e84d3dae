// The "Record decision" modal opened from a nudge, an escalation or a review: a kind (decision,
// hypothesis, test, result) and a text that go to the team's decision log. Sent as a message (which
// Slack cannot hold inputs in), the form shows its title and what it is about.
import type { types } from '@slack/bolt';
import { t } from '../../core/i18n/index.js';
import type { DecisionFormView } from '../../core/view-models.js';
import { type FormOrigin, formModal, INPUT_ACTION } from './check-in.js';
import { esc, header, plainText as plain, section } from './common.js';
import { type Block, LIMITS } from './limits.js';

export const DECISION_CALLBACK = 'rituals.decision';
/** Block ids of the decision modal's inputs (the core's error keys map onto them). */
export const DECISION_FIELDS = { kind: 'kind', text: 'text' } as const;

export function decisionModal(v: DecisionFormView, origin: FormOrigin = {}): types.ModalView {
  const options = v.kinds
    .slice(0, LIMITS.selectOptions)
    .map((k) => ({ text: plain(k.label, LIMITS.optionText), value: k.value }));
  return formModal(DECISION_CALLBACK, v, origin, [
    section(esc(v.context)),
    {
      type: 'input',
      block_id: DECISION_FIELDS.kind,
      label: plain(t(v.locale, 'chat.decisionKind'), LIMITS.inputLabel),
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION,
        options,
        ...(options[0] ? { initial_option: options[0] } : {}),
      },
    },
    {
      type: 'input',
      block_id: DECISION_FIELDS.text,
      label: plain(v.textLabel, LIMITS.inputLabel),
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
export function decisionFormBlocks(v: DecisionFormView): Block[] {
  return [header(v.title), section(esc(v.context))];
}
