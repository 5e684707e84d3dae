// Block Kit limits in one place: the renderers clip and split to stay within them, and the local fake of
// the Slack Web API (test/helpers) uses `blockKitProblems` to refuse what Slack itself would refuse.
import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;
export type Surface = 'message' | 'modal' | 'home';

export const LIMITS = {
  blocks: { message: 50, modal: 100, home: 100 } as Readonly<Record<Surface, number>>,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  inputMaxLength: 3000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  messageText: 40_000,
  viewBytes: 250_000,
} as const;

/** Cuts text to `max` characters (code points kept whole), ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Groups lines into texts of at most `max` characters each (a single over-long line is clipped). */
export function packLines(lines: readonly string[], max: number = LIMITS.sectionText): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clip(raw, max);
    if (current === '') current = line;
    else if (current.length + 1 + line.length <= max) current = `${current}\n${line}`;
    else {
      out.push(current);
      current = line;
    }
  }
  if (current !== '') out.push(current);
  return out;
}

const len = (s: unknown): number => (typeof s === 'string' ? Array.from(s).length : 0);

interface TextObj {
  readonly text?: unknown;
}

function textOf(obj: unknown): string | undefined {
  return obj && typeof obj === 'object' && typeof (obj as TextObj).text === 'string'
    ? ((obj as TextObj).text as string)
    : undefined;
}

/** Every Block Kit limit a list of blocks breaks, as readable problems (empty when valid). */
export function blockKitProblems(blocks: unknown, surface: Surface): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  if (blocks.length > LIMITS.blocks[surface])
    problems.push(`${blocks.length} blocks (max ${LIMITS.blocks[surface]} for a ${surface})`);
  const blockIds = new Set<string>();
  blocks.forEach((raw: unknown, i) => {
    const b = (raw ?? {}) as Record<string, unknown>;
    const at = `blocks[${i}] (${String(b.type)})`;
    const tooLong = (what: string, value: unknown, max: number) => {
      if (len(value) > max) problems.push(`${at} ${what}: ${len(value)} chars (max ${max})`);
    };
    if (typeof b.block_id === 'string') {
      tooLong('block_id', b.block_id, LIMITS.blockId);
      if (blockIds.has(b.block_id)) problems.push(`${at} duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'section': {
        const text = textOf(b.text);
        const fields = Array.isArray(b.fields) ? (b.fields as unknown[]) : [];
        if (text === undefined && fields.length === 0) problems.push(`${at} needs text or fields`);
        if (text !== undefined && text.length === 0) problems.push(`${at} text is empty`);
        tooLong('text', text, LIMITS.sectionText);
        if (fields.length > LIMITS.sectionFields)
          problems.push(`${at} ${fields.length} fields (max ${LIMITS.sectionFields})`);
        for (const [j, f] of fields.entries()) tooLong(`fields[${j}]`, textOf(f), LIMITS.fieldText);
        if (b.accessory) elementProblems(b.accessory, `${at} accessory`, problems);
        break;
      }
      case 'header':
        tooLong('text', textOf(b.text), LIMITS.headerText);
        if (len(textOf(b.text)) === 0) problems.push(`${at} text is empty`);
        break;
      case 'context': {
        const els = Array.isArray(b.elements) ? (b.elements as unknown[]) : [];
        if (els.length === 0 || els.length > LIMITS.contextElements)
          problems.push(`${at} ${els.length} elements (1 to ${LIMITS.contextElements})`);
        for (const [j, e] of els.entries()) tooLong(`elements[${j}]`, textOf(e), LIMITS.contextText);
        break;
      }
      case 'actions': {
        const els = Array.isArray(b.elements) ? (b.elements as unknown[]) : [];
        if (els.length === 0 || els.length > LIMITS.actionsElements)
          problems.push(`${at} ${els.length} elements (1 to ${LIMITS.actionsElements})`);
        const ids = new Set<string>();
        els.forEach((e, j) => {
          const id = (e as { action_id?: unknown }).action_id;
          if (typeof id === 'string') {
            if (ids.has(id)) problems.push(`${at} duplicate action_id ${id}`);
            ids.add(id);
          }
          elementProblems(e, `${at} elements[${j}]`, problems);
        });
        break;
      }
      case 'input': {
        if (surface === 'message') problems.push(`${at} input blocks are for modals and Home tabs`);
        tooLong('label', textOf(b.label), LIMITS.inputLabel);
        tooLong('hint', textOf(b.hint), LIMITS.inputHint);
        if (typeof b.block_id !== 'string') problems.push(`${at} needs a block_id`);
        elementProblems(b.element, `${at} element`, problems);
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${at} unknown block type`);
    }
  });
  return problems;
}

function elementProblems(raw: unknown, at: string, problems: string[]): void {
  const e = (raw ?? {}) as Record<string, unknown>;
  const tooLong = (what: string, value: unknown, max: number) => {
    if (len(value) > max) problems.push(`${at} ${what}: ${len(value)} chars (max ${max})`);
  };
  tooLong('action_id', e.action_id, LIMITS.actionId);
  tooLong('placeholder', textOf(e.placeholder), LIMITS.placeholder);
  switch (e.type) {
    case 'button':
      tooLong('text', textOf(e.text), LIMITS.buttonText);
      tooLong('value', e.value, LIMITS.buttonValue);
      if (len(textOf(e.text)) === 0) problems.push(`${at} button text is empty`);
      break;
    case 'number_input': {
      if (typeof e.is_decimal_allowed !== 'boolean') problems.push(`${at} number_input needs is_decimal_allowed`);
      const num = (x: unknown) => (typeof x === 'string' && /^-?\d+(\.\d+)?$/.test(x) ? Number(x) : undefined);
      for (const k of ['initial_value', 'min_value', 'max_value'] as const) {
        if (e[k] === undefined) continue;
        const n = num(e[k]);
        if (n === undefined) problems.push(`${at} ${k} must be a number as text`);
        else if (e.is_decimal_allowed === false && !Number.isInteger(n))
          problems.push(`${at} ${k} must be whole when decimals are not allowed`);
      }
      const [min, max, initial] = [num(e.min_value), num(e.max_value), num(e.initial_value)];
      if (min !== undefined && max !== undefined && min > max) problems.push(`${at} min_value above max_value`);
      if (initial !== undefined && ((min !== undefined && initial < min) || (max !== undefined && initial > max)))
        problems.push(`${at} initial_value out of bounds`);
      break;
    }
    case 'plain_text_input':
      if (typeof e.max_length === 'number' && e.max_length > LIMITS.inputMaxLength)
        problems.push(`${at} max_length ${e.max_length} (max ${LIMITS.inputMaxLength})`);
      if (
        typeof e.initial_value === 'string' &&
        typeof e.max_length === 'number' &&
        len(e.initial_value) > e.max_length
      ) {
        problems.push(`${at} initial_value longer than max_length`);
      }
      break;
    case 'static_select': {
      const options = Array.isArray(e.options) ? (e.options as unknown[]) : [];
      if (options.length === 0 || options.length > LIMITS.selectOptions)
        problems.push(`${at} ${options.length} options (1 to ${LIMITS.selectOptions})`);
      options.forEach((o, j) => {
        tooLong(`options[${j}].text`, textOf((o as { text?: unknown }).text), LIMITS.optionText);
        tooLong(`options[${j}].value`, (o as { value?: unknown }).value, LIMITS.optionValue);
      });
      break;
    }
    default:
      problems.push(`${at} unknown element type ${String(e.type)}`);
  }
}

/** Limits of a modal or Home tab view object (title, buttons, metadata, size) and of its blocks. */
export function viewProblems(view: unknown): string[] {
  const v = (view ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (v.type !== 'modal' && v.type !== 'home') return [`view type must be modal or home, got ${String(v.type)}`];
  if (v.type === 'modal') {
    const title = textOf(v.title);
    if (!title) problems.push('modal title is missing');
    if (len(title) > LIMITS.modalTitle) problems.push(`modal title: ${len(title)} chars (max ${LIMITS.modalTitle})`);
    if (len(textOf(v.submit)) > LIMITS.modalButton)
      problems.push(`modal submit: ${len(textOf(v.submit))} chars (max ${LIMITS.modalButton})`);
    if (len(textOf(v.close)) > LIMITS.modalButton)
      problems.push(`modal close: ${len(textOf(v.close))} chars (max ${LIMITS.modalButton})`);
    const hasInput = Array.isArray(v.blocks) && (v.blocks as { type?: unknown }[]).some((b) => b?.type === 'input');
    if (hasInput && !textOf(v.submit)) problems.push('a modal with inputs needs a submit button');
  }
  if (len(v.private_metadata) > LIMITS.privateMetadata)
    problems.push(`private_metadata: ${len(v.private_metadata)} chars (max ${LIMITS.privateMetadata})`);
  if (len(v.callback_id) > LIMITS.callbackId) problems.push(`callback_id too long`);
  const bytes = Buffer.byteLength(JSON.stringify(view));
  if (bytes > LIMITS.viewBytes) problems.push(`view is ${bytes} bytes (max ${LIMITS.viewBytes})`);
  problems.push(...blockKitProblems(v.blocks, v.type === 'modal' ? 'modal' : 'home'));
  return problems;
}
