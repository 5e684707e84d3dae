// Block Kit for short notices (confirmations, help, errors): as a message, and as a modal that replaces
// a submitted form.
import type { types } from '@slack/bolt';
import type { NoticeView } from '../../core/views.js';
import { esc, section } from './common.js';
import { clip, LIMITS, packLines, type Block } from './limits.js';

const TONE: Readonly<Record<NoticeView['tone'], string>> = {
  info: ':information_source:',
  success: ':white_check_mark:',
  error: ':warning:',
};

export function noticeBlocks(v: NoticeView): Block[] {
  // A list (the help) is one bullet per line.
  const lines = v.items && v.items.length > 0 ? v.items.map((i) => `• ${esc(i)}`) : esc(v.body).split('\n');
  const body = packLines(lines).slice(0, LIMITS.blocks.message - 1);
  const [first, ...rest] = body;
  const lead = v.title ? `${TONE[v.tone]} *${esc(v.title)}*\n${first ?? ''}` : `${TONE[v.tone]} ${first ?? ''}`;
  return [section(lead), ...rest.map(section)];
}

export function noticeModal(v: NoticeView, fallbackTitle: string): types.ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: clip(v.title || fallbackTitle, LIMITS.modalTitle) },
    close: { type: 'plain_text', text: 'OK' },
    blocks: noticeBlocks({ ...v, title: undefined }),
  };
}

