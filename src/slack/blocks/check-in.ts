// Block Kit for the weekly check-in: the DM prompt, its reminder, the confirmation that replaces the
// prompt after submitting, and the modal with one input per KPI plus wins and blockers.
import { randomUUID } from 'node:crypto';
import type { types } from '@slack/bolt';
import { openButton } from '../../core/view-builders/checkin-views.js';
import type {
  CheckInConfirmationView,
  CheckInFormView,
  CheckInPromptView,
  NumberField,
  ReminderView,
} from '../../core/view-models.js';
import { BoundedCache } from '../bounded-cache.js';
import {
  buttons,
  context,
  divider,
  esc,
  header,
  kpiLineText,
  listBlocks,
  plainText as plain,
  section,
} from './common.js';
import { type Block, clip, LIMITS } from './limits.js';

/** Callback id of the check-in modal; its inputs' block ids are the form's field ids. */
export const CHECKIN_CALLBACK = 'rituals.checkin';
/** Every input element of our modals uses this action id, so a value is state.values[fieldId].value. */
export const INPUT_ACTION = 'value';

// Room left for the KPI lines once header, intro, context, divider and buttons are placed.
const LINES_BUDGET = LIMITS.blocks.message - 6;

export function checkInPromptBlocks(v: CheckInPromptView): Block[] {
  return [
    header(v.title),
    section(esc(v.intro)),
    context(esc(v.deadlineText)),
    ...(v.lastPeriod.length > 0
      ? [divider(), ...listBlocks(v.lastPeriod.map(kpiLineText), LINES_BUDGET, v.locale)]
      : []),
    buttons(v.actions),
  ].filter((b): b is Block => b !== undefined);
}

export function reminderBlocks(v: ReminderView): Block[] {
  return [header(v.title), section(esc(v.body)), context(esc(v.deadlineText)), buttons(v.actions)].filter(
    (b): b is Block => b !== undefined,
  );
}

export function confirmationBlocks(v: CheckInConfirmationView): Block[] {
  return [
    header(v.title),
    section(esc(v.submittedText)),
    context(esc(v.periodLabel)),
    ...(v.lines.length > 0 ? [divider(), ...listBlocks(v.lines.map(kpiLineText), LINES_BUDGET, v.locale)] : []),
    v.editable ? buttons(v.actions) : undefined,
  ].filter((b): b is Block => b !== undefined);
}

/**
 * A form cannot be posted as a message (typed `checkin` in the bot's DM: no trigger id to open a modal
 * with): it is shown as its title and period with the button that opens it.
 */
export function formAsMessageBlocks(v: CheckInFormView): Block[] {
  const editing = v.numbers.some((f) => f.value !== undefined && f.value !== '') || v.texts.some((f) => !!f.value);
  const open = openButton(v.locale, v.periodKey, editing ? 'checkin.action.edit' : 'checkin.action.open');
  return [header(v.title), section(esc(v.periodLabel)), buttons([open])].filter((b): b is Block => b !== undefined);
}

/**
 * Where the form was opened from, so the submission can confirm there: a message it updates in place,
 * or, for an ephemeral message (which chat.update cannot reach), the response URL of the click.
 */
export interface FormOrigin {
  readonly channel?: string;
  readonly ts?: string;
  readonly responseUrl?: string;
}

// Metadata too long for private_metadata (the core keeps it short; this is a safety net) waits here,
// and the modal carries its key instead. Process memory: a restart loses only such rare forms.
const overflow = new BoundedCache<string, string>(1_000, 24 * 3_600_000);

/** private_metadata: the core's metadata plus the origin message, within Slack's 3000 characters. */
export function encodeMetadata(metadata: string, origin: FormOrigin = {}): string {
  const withOrigin = JSON.stringify({ m: metadata, c: origin.channel, t: origin.ts, u: origin.responseUrl });
  if (withOrigin.length <= LIMITS.privateMetadata) return withOrigin;
  const key = randomUUID();
  overflow.set(key, metadata);
  return JSON.stringify({ r: key, c: origin.channel, t: origin.ts, u: origin.responseUrl });
}

export function decodeMetadata(raw: string | undefined): { metadata: string; origin: FormOrigin } {
  try {
    const parsed = JSON.parse(raw ?? '') as { m?: unknown; r?: unknown; c?: unknown; t?: unknown; u?: unknown };
    const metadata =
      typeof parsed.m === 'string' ? parsed.m : typeof parsed.r === 'string' ? overflow.get(parsed.r) : undefined;
    if (metadata !== undefined) {
      const responseUrl = typeof parsed.u === 'string' && /^https?:\/\//.test(parsed.u) ? parsed.u : undefined;
      return {
        metadata,
        origin: {
          channel: typeof parsed.c === 'string' ? parsed.c : undefined,
          ts: typeof parsed.t === 'string' ? parsed.t : undefined,
          ...(responseUrl ? { responseUrl } : {}),
        },
      };
    }
  } catch {
    // Not ours (or from an older version): hand it to the core as is, which rejects what it cannot read.
  }
  return { metadata: raw ?? '', origin: {} };
}

/**
 * Slack's number_input: the client refuses letters, decimals where the KPI counts whole things, and
 * values out of bounds, before anything is sent; the core still validates what arrives. Slack sends
 * and takes values with a decimal point, so a French prefill ("12,5") is handed over as "12.5".
 */
export function numberInput(f: NumberField): types.NumberInput {
  const initial = f.value !== undefined && f.value !== '' ? machineNumber(f.value) : undefined;
  return {
    type: 'number_input' as const,
    action_id: INPUT_ACTION,
    is_decimal_allowed: f.whole !== true,
    min_value: String(f.min),
    max_value: String(f.max),
    ...(initial !== undefined ? { initial_value: initial } : {}),
  };
}

/** "12,5" or "1 200,5" as typed in French -> "12.5" / "1200.5"; undefined when it is not a number. */
function machineNumber(typed: string): string | undefined {
  const s = typed.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? s : undefined;
}

/** A form's modal: its callback, title, submit and cancel buttons, and the form's metadata with where it was opened. */
export function formModal(
  callbackId: string,
  v: { readonly title: string; readonly submitLabel: string; readonly cancelLabel: string; readonly metadata: string },
  origin: FormOrigin,
  blocks: Block[],
): types.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(v.title, LIMITS.modalTitle),
    submit: plain(v.submitLabel, LIMITS.modalButton),
    close: plain(v.cancelLabel, LIMITS.modalButton),
    private_metadata: encodeMetadata(v.metadata, origin),
    blocks,
  };
}

export function checkInModal(v: CheckInFormView, origin: FormOrigin = {}): types.ModalView {
  // A value to confirm is shown again with its message under it (the modal is replaced, not annotated).
  const confirmNote = (id: string): Block[] => {
    const note = v.confirm?.includes(id) && v.errors[id] ? context(`:warning: ${esc(v.errors[id]!)}`) : undefined;
    return note ? [note] : [];
  };
  const numberInputs: Block[] = v.numbers.flatMap((f): Block[] => [
    {
      type: 'input',
      block_id: f.id,
      optional: !f.required,
      label: plain(f.unitHint ? `${f.label} (${f.unitHint})` : f.label, LIMITS.inputLabel),
      element: numberInput(f),
    },
    ...confirmNote(f.id),
  ]);
  const textInputs: Block[] = v.texts.map((f) => {
    const maxLength = Math.min(f.maxLength, LIMITS.inputMaxLength);
    return {
      type: 'input',
      block_id: f.id,
      optional: true,
      label: plain(f.label, LIMITS.inputLabel),
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION,
        multiline: true,
        max_length: maxLength,
        ...(f.placeholder ? { placeholder: plain(f.placeholder, LIMITS.placeholder) } : {}),
        ...(f.value ? { initial_value: clip(f.value, maxLength) } : {}),
      },
    };
  });
  const intro = context(esc(v.periodLabel));
  const blocks = [...(intro ? [intro] : []), ...numberInputs, ...textInputs].slice(0, LIMITS.blocks.modal);
  return formModal(CHECKIN_CALLBACK, v, origin, blocks);
}
