// Block Kit for short notices (confirmations, help, errors): as a message, and as a modal that replaces
// a submitted form. A notice about a team channel links it (`<#C…>`, which Slack shows as its name).
import type { types } from '@slack/bolt';
import { t } from '../../core/i18n/index.js';
import type { NoticeView } from '../../core/view-models.js';
import { context, esc, section } from './common.js';
import { type Block, clip, LIMITS, packLines } from './limits.js';

const TONE: Readonly<Record<NoticeView['tone'], string>> = {
  info: ':information_source:',
  success: ':white_check_mark:',
  error: ':warning:',
};

// A channel id as Slack makes them: only such an id goes unescaped into a `<#…>` link.
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,20}$/;

export function noticeBlocks(v: NoticeView): Block[] {
  const link =
    v.channel?.slack && SLACK_CHANNEL_ID.test(v.channel.slack)
      ? context(`${esc(t(v.locale, 'notice.channel'))}: <#${v.channel.slack}>`)
      : undefined;
  // A list (the help) is one bullet per line.
  const lines = v.items && v.items.length > 0 ? v.items.map((i) => `• ${esc(i)}`) : esc(v.body).split('\n');
  const body = packLines(lines).slice(0, LIMITS.blocks.message - (link ? 2 : 1));
  const [first, ...rest] = body;
  const lead = v.title ? `${TONE[v.tone]} *${esc(v.title)}*\n${first ?? ''}` : `${TONE[v.tone]} ${first ?? ''}`;
  return [section(lead), ...rest.map(section), ...(link ? [link] : [])];
}

export function noticeModal(v: NoticeView, fallbackTitle: string): types.ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: clip(v.title || fallbackTitle, LIMITS.modalTitle) },
    close: { type: 'plain_text', text: 'OK' },
    blocks: noticeBlocks({ ...v, title: undefined }),
  };
}
