// Short messages: confirmations, help, and errors in the user's language.
import type { NoticeView } from '../../core/view-models.js';
import { type AdaptiveCard, type CardElement, card, heading, text } from './common.js';

export function noticeCard(v: NoticeView): AdaptiveCard {
  const color = v.tone === 'error' ? 'Attention' : v.tone === 'success' ? 'Good' : 'Default';
  const body: CardElement[] = [];
  if (v.title) body.push(heading(v.title));
  // A list (the help) is one line per entry; other texts keep their line breaks.
  if (v.items && v.items.length > 0) body.push(...v.items.map((i) => text(`• ${i}`, { color, spacing: 'Small' })));
  else body.push(text(v.body.replace(/\n/g, '\n\n'), { color }));
  return card(body, [], v.text);
}
