// Message lookup for the user's language: t(locale, key, params) with {placeholders} and plural keys.
import type { Locale } from '../domain/model.js';
import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

export type { MessageKey } from './en.js';
export const catalogs: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, fr };

export type MessageParams = Readonly<Record<string, string | number>>;

function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Translates a key; unknown locales fall back to English. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const catalog = catalogs[locale] ?? catalogs.en;
  return interpolate(catalog[key], params);
}

/** Picks `${base}_one` or `${base}_other` by the locale's plural rules for n. */
export function tPlural(locale: Locale, base: string, n: number, params: MessageParams = {}): string {
  const form = new Intl.PluralRules(locale).select(n) === 'one' ? 'one' : 'other';
  const key = `${base}_${form}` as MessageKey;
  return t(locale, key, { n, ...params });
}

/** The locale of a user: the platform's if we speak it, else the team default. */
export function pickLocale(platformLocale: string | undefined, fallback: Locale): Locale {
  const lang = platformLocale?.toLowerCase().split(/[-_]/)[0];
  return lang === 'fr' || lang === 'en' ? lang : fallback;
}
