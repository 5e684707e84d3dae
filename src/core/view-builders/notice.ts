// Short messages (confirmations, help, errors) and the translation of a DomainError's stable code into
// a notice in the user's language (the code -> message table is i18n/error-messages.ts): the one place
// adapters and the service turn failures into words.
import type { Locale } from '../domain/model.js';
import { DomainError } from '../errors.js';
import { ERROR_MESSAGES } from '../i18n/error-messages.js';
import { t } from '../i18n/index.js';
import type { NoticeView } from '../view-models.js';

export function notice(locale: Locale, tone: NoticeView['tone'], body: string, title?: string): NoticeView {
  return { type: 'notice', locale, text: title ? `${title} — ${body}` : body, tone, ...(title ? { title } : {}), body };
}

/** A failure as the user should read it; unexpected errors become the generic "nothing was changed". */
export function describeError(locale: Locale, err: unknown): NoticeView {
  if (err instanceof DomainError) {
    const key = ERROR_MESSAGES[err.code];
    if (key) return notice(locale, 'error', t(locale, key, err.params));
  }
  return notice(locale, 'error', t(locale, 'error.internal'));
}
