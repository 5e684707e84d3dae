// Short messages (confirmations, help, errors) and the translation of a DomainError's stable code into
// a notice in the user's language: the one place adapters and the service turn failures into words.
import type { Locale } from '../domain/model.js';
import { DomainError } from '../errors.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { NoticeView } from '../view-models.js';

export function notice(locale: Locale, tone: NoticeView['tone'], body: string, title?: string): NoticeView {
  return { type: 'notice', locale, text: title ? `${title} — ${body}` : body, tone, ...(title ? { title } : {}), body };
}

const CODE_KEYS: Readonly<Record<string, MessageKey>> = {
  'CHECKIN.PERIOD_CLOSED': 'checkin.closed',
  'CHECKIN.PERIOD_NOT_OPEN': 'checkin.notOpen',
  'CHECKIN.NO_KPIS': 'checkin.noKpis',
  'AUTH.NOT_MANAGER': 'auth.notManager',
  'AUTH.NOT_IN_TEAM': 'auth.notInTeam',
  'AUTH.NOT_ALLOWED': 'auth.notAllowed',
  'AUTH.NOT_A_MEMBER': 'error.notAMember',
  'REPORT.UNKNOWN_TEAM': 'error.unknownTeam',
  'RUN.UNKNOWN_TEAM': 'error.unknownTeam',
  'PERIOD.MALFORMED': 'error.badPeriod',
  'PERIOD.OUT_OF_RANGE': 'error.badPeriod',
  'PERIOD.FISCAL_MISMATCH': 'error.badPeriod',
  'COMMAND.UNKNOWN': 'command.unknown',
  'COMMAND.BAD_DATE': 'command.badDate',
  'COMMAND.MISSING_DATES': 'command.missingDates',
  'COMMAND.BAD_RANGE': 'ooo.badRange',
  'COMMAND.UNKNOWN_RITUAL': 'command.unknownRitual',
  'BREACH.NOT_FOUND': 'breach.notFound',
  'BREACH.CLEARED': 'breach.cleared',
  'QBR.UNKNOWN_OBJECTIVE': 'qbr.unknownObjective',
  'FORM.BAD_METADATA': 'error.badForm',
};

/** A failure as the user should read it; unexpected errors become the generic "nothing was changed". */
export function describeError(locale: Locale, err: unknown): NoticeView {
  if (err instanceof DomainError) {
    const key = CODE_KEYS[err.code];
    if (key) return notice(locale, 'error', t(locale, key, err.params));
  }
  return notice(locale, 'error', t(locale, 'error.internal'));
}
