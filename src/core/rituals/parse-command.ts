// Typed commands, in English and French: `checkin|pointage [period|next]`, `me|moi`,
// `leaderboard|classement [team]`, `progress|progression [team]`, `standup|point [team]`,
// `ooo FROM [TO]|absent DU [AU]`, `ooo off|absent fin`, `run RITUAL [team]|lancer RITUEL [équipe]`,
// `help|aide`. Dates are YYYY-MM-DD, or DD/MM/YYYY when written in French.
import { isIsoDate, makeDate } from '../domain/calendar-days.js';
import type { Locale, RitualId } from '../domain/model.js';

export type Command =
  | { readonly kind: 'checkin'; readonly period?: string }
  | { readonly kind: 'me' }
  | { readonly kind: 'leaderboard' | 'progress' | 'standup'; readonly team?: string }
  | { readonly kind: 'ooo'; readonly from: string; readonly to: string }
  | { readonly kind: 'ooo_off' }
  | { readonly kind: 'run'; readonly ritual: RitualId; readonly team?: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly code: CommandErrorCode; readonly value: string };

export type CommandErrorCode =
  | 'COMMAND.UNKNOWN'
  | 'COMMAND.BAD_DATE'
  | 'COMMAND.MISSING_DATES'
  | 'COMMAND.BAD_RANGE'
  | 'COMMAND.UNKNOWN_RITUAL';

const VERBS: Readonly<Record<string, { kind: string; fr: boolean }>> = {
  checkin: { kind: 'checkin', fr: false },
  'check-in': { kind: 'checkin', fr: false },
  pointage: { kind: 'checkin', fr: true },
  me: { kind: 'me', fr: false },
  moi: { kind: 'me', fr: true },
  leaderboard: { kind: 'leaderboard', fr: false },
  classement: { kind: 'leaderboard', fr: true },
  progress: { kind: 'progress', fr: false },
  progression: { kind: 'progress', fr: true },
  standup: { kind: 'standup', fr: false },
  'stand-up': { kind: 'standup', fr: false },
  point: { kind: 'standup', fr: true },
  ooo: { kind: 'ooo', fr: false },
  absent: { kind: 'ooo', fr: true },
  run: { kind: 'run', fr: false },
  lancer: { kind: 'run', fr: true },
  help: { kind: 'help', fr: false },
  aide: { kind: 'help', fr: true },
};

export const RITUAL_ALIASES: Readonly<Record<string, RitualId>> = {
  checkin: 'checkin',
  'check-in': 'checkin',
  pointage: 'checkin',
  leaderboard: 'leaderboard',
  classement: 'leaderboard',
  progress: 'progress',
  progression: 'progress',
  breach_scan: 'breach_scan',
  breaches: 'breach_scan',
  alerts: 'breach_scan',
  alertes: 'breach_scan',
  standup: 'standup',
  'stand-up': 'standup',
  point: 'standup',
  monthly_review: 'monthly_review',
  review: 'monthly_review',
  revue: 'monthly_review',
  bilan: 'monthly_review',
  qbr: 'qbr',
};

const OFF_WORDS = new Set(['off', 'cancel', 'fin', 'annuler', 'stop']);
const NEXT_WORDS = new Set(['next', 'suivant', 'suivante', 'prochain', 'prochaine']);

/** YYYY-MM-DD always; DD/MM/YYYY (or DD-MM-YYYY, DD.MM.YYYY) when French. */
export function parseCommandDate(token: string, french: boolean): string | null {
  if (isIsoDate(token)) return token;
  if (!french) return null;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(token);
  if (!m) return null;
  const date = makeDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return isIsoDate(date) ? date : null;
}

export function parseCommand(text: string, locale: Locale): Command {
  const tokens = text
    .trim()
    .replace(/^\/\S+\s*/, '')
    .split(/\s+/)
    .filter((s) => s !== '');
  const first = tokens[0]?.toLowerCase();
  if (first === undefined) return { kind: 'help' };
  const verb = VERBS[first];
  if (!verb) return { kind: 'error', code: 'COMMAND.UNKNOWN', value: tokens[0]! };
  const french = verb.fr || locale === 'fr';
  const args = tokens.slice(1);
  switch (verb.kind) {
    case 'checkin': {
      const arg = args[0];
      if (arg === undefined) return { kind: 'checkin' };
      if (NEXT_WORDS.has(arg.toLowerCase())) return { kind: 'checkin', period: 'next' };
      return { kind: 'checkin', period: arg.toUpperCase() };
    }
    case 'me':
    case 'help':
      return { kind: verb.kind };
    case 'leaderboard':
    case 'progress':
    case 'standup':
      return { kind: verb.kind, ...(args[0] ? { team: args[0] } : {}) };
    case 'ooo': {
      if (args[0] !== undefined && OFF_WORDS.has(args[0].toLowerCase())) return { kind: 'ooo_off' };
      if (args[0] === undefined) return { kind: 'error', code: 'COMMAND.MISSING_DATES', value: '' };
      const from = parseCommandDate(args[0], french);
      if (!from) return { kind: 'error', code: 'COMMAND.BAD_DATE', value: args[0] };
      const to = args[1] === undefined ? from : parseCommandDate(args[1], french);
      if (!to) return { kind: 'error', code: 'COMMAND.BAD_DATE', value: args[1]! };
      if (to < from) return { kind: 'error', code: 'COMMAND.BAD_RANGE', value: `${args[0]} ${args[1]}` };
      return { kind: 'ooo', from, to };
    }
    case 'run': {
      const ritual = args[0] === undefined ? undefined : RITUAL_ALIASES[args[0].toLowerCase()];
      if (!ritual) return { kind: 'error', code: 'COMMAND.UNKNOWN_RITUAL', value: args[0] ?? '' };
      return { kind: 'run', ritual, ...(args[1] ? { team: args[1] } : {}) };
    }
  }
  return { kind: 'error', code: 'COMMAND.UNKNOWN', value: tokens[0]! };
}
