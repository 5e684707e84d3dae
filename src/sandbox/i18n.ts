// The sandbox page's own strings (guided start, captions, time-travel summaries, admin notes, language
// switch), in English and French; the bot's messages keep using the core catalogs. A test keeps the two
// languages' keys and placeholders equal.
import type { Locale } from '../core/domain/model.js';

const en = {
  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.fr': 'Français',
  'skip.checkin': 'Skip to my check-in',
  'skip.messages': 'Skip to the messages',
  'start.title': 'Start here',
  'start.intro': 'You are {name} ({role}, {team}). Three steps show a week of the bot:',
  'start.introManager': 'You are {name}, manager of {team}. Three steps show a week of the bot:',
  'start.step.checkin': 'Answer your weekly check-in',
  'start.step.standup': 'Ask for your team’s stand-up',
  'start.step.leaderboard': 'Move to Monday to see the leaderboard',
  'start.step.review': 'Open the monthly review',
  'start.done': 'done',
  'start.hide': 'Hide',
  'start.show': 'Show the first steps',
  'start.nav': 'First steps',
  'caption.for-real': '{ritual} — for real: {when}',
  'caption.localTime': '{when}, at each member’s local time',
  'caption.onDemand': 'on demand',
  'caption.confirmation': 'Your answer, saved — editable until the check-in closes',
  'caption.reminder': 'Check-in reminder — for real: {delays} after the prompt, to those who have not answered',
  'caption.breach': 'Breach scan — for real: {when}, and after each data change',
  'caption.escalation': 'Escalation — for real: when a breach lasts',
  'caption.myGoals': '“me” — on demand, in Slack or Teams',
  'caption.crm': 'Nightly CRM import — for real: every night (CSV import or the ingest API)',
  'cron.weekly': 'every {day} at {time}',
  'cron.weekdays': 'every working day at {time}',
  'cron.daily': 'every day at {time}',
  'cron.firstWorkday': 'the first working day of the month at {time}',
  'cron.firstWorkdayQuarter': 'the first working day of each quarter at {time}',
  'cron.other': 'on its schedule ({cron})',
  'travel.forYou': 'For you: {items}.',
  'travel.meanwhile': 'Meanwhile: {items}.',
  'travel.nothingForYou': 'Nothing for you on the way.',
  'travel.moved': '{ritual} of {team} moved off the holiday of {from} to {to}.',
  'travel.skipped': 'No {ritual} for {team} on {date}: holiday.',
  'travel.confirm': 'Jump {days} days ahead, to {time}? Every ritual in between runs.',
  'travel.go': 'Jump',
  'travel.cancel': 'Cancel',
  'travel.ran': 'Ran: {items}.',
  'count.prompts_one': '{n} check-in prompt sent to a colleague',
  'count.prompts_other': '{n} check-in prompts sent to colleagues',
  'count.reminders_one': '{n} reminder sent to a colleague',
  'count.reminders_other': '{n} reminders sent to colleagues',
  'count.answers_one': '{n} colleague checked in',
  'count.answers_other': '{n} colleagues checked in',
  'count.nudges_one': '{n} alert nudge sent to a colleague',
  'count.nudges_other': '{n} alert nudges sent to colleagues',
  'count.posts_one': '{n} post in another team’s channel',
  'count.posts_other': '{n} posts in other teams’ channels',
  'count.imports_one': '{n} CRM import',
  'count.imports_other': '{n} CRM imports',
  'count.standups_one': '{n} stand-up summary sent to a manager',
  'count.standups_other': '{n} stand-up summaries sent to managers',
  'count.other_one': '{n} other message',
  'count.other_other': '{n} other messages',
  'where.dm': 'in your DMs',
  'where.channel': 'in #{team}',
  'admin.thread': 'Admin: data imports',
  'admin.note': 'What sales ops sees: the nightly CRM export imported through the same path as `rituals import`.',
  'crm.title': 'CRM import',
  'crm.body': '{team}, {days}: {total} values from the nightly CRM export ({inserted} new, {updated} updated).',
  'notice.close': 'Close',
  'notice.label': 'Notices',
  'empty.dm':
    'Nothing here yet: the bot writes to you when a ritual reaches you (your check-in comes on Friday). The “Start here” buttons above show it now.',
  'help.commands': 'Commands',
  'cmd.checkin': 'checkin',
  'cmd.me': 'me',
  'cmd.standup': 'standup',
  'cmd.help': 'help',
  'cmd.ooo': 'ooo',
  'cmd.oooOff': 'ooo off',
  'nav.threads': 'Conversations',
  'clock.controls': 'Clock',
} as const;

export type SandboxKey = keyof typeof en;

const fr: Readonly<Record<SandboxKey, string>> = {
  'lang.label': 'Langue',
  'lang.en': 'English',
  'lang.fr': 'Français',
  'skip.checkin': 'Aller à mon point hebdo',
  'skip.messages': 'Aller aux messages',
  'start.title': 'Commencer ici',
  'start.intro': 'Vous êtes {name} ({role}, {team}). Trois étapes pour voir une semaine du bot :',
  'start.introManager': 'Vous êtes {name}, manager de {team}. Trois étapes pour voir une semaine du bot :',
  'start.step.checkin': 'Répondre à votre point hebdo',
  'start.step.standup': 'Demander le point d’équipe',
  'start.step.leaderboard': 'Passer à lundi pour voir le classement',
  'start.step.review': 'Ouvrir le bilan mensuel',
  'start.done': 'fait',
  'start.hide': 'Masquer',
  'start.show': 'Revoir les premiers pas',
  'start.nav': 'Premiers pas',
  'caption.for-real': '{ritual} — en vrai : {when}',
  'caption.localTime': '{when}, à l’heure locale de chacun',
  'caption.onDemand': 'à la demande',
  'caption.confirmation': 'Votre réponse, enregistrée — modifiable jusqu’à la clôture du point',
  'caption.reminder': 'Rappel du point hebdo — en vrai : {delays} après l’envoi, à ceux qui n’ont pas répondu',
  'caption.breach': 'Détection des seuils — en vrai : {when}, et après chaque nouvelle donnée',
  'caption.escalation': 'Escalade — en vrai : quand un seuil reste franchi',
  'caption.myGoals': '« moi » — à la demande, dans Slack ou Teams',
  'caption.crm': 'Import CRM de la nuit — en vrai : chaque nuit (import CSV ou API d’ingestion)',
  'cron.weekly': 'chaque {day} à {time}',
  'cron.weekdays': 'chaque jour ouvré à {time}',
  'cron.daily': 'chaque jour à {time}',
  'cron.firstWorkday': 'le premier jour ouvré du mois à {time}',
  'cron.firstWorkdayQuarter': 'le premier jour ouvré de chaque trimestre à {time}',
  'cron.other': 'selon sa planification ({cron})',
  'travel.forYou': 'Pour vous : {items}.',
  'travel.meanwhile': 'Entre-temps : {items}.',
  'travel.nothingForYou': 'Rien pour vous en chemin.',
  'travel.moved': '{ritual} de {team} déplacé du {from} (jour férié) au {to}.',
  'travel.skipped': 'Pas de {ritual} pour {team} le {date} : jour férié.',
  'travel.confirm': 'Avancer de {days} jours, jusqu’au {time} ? Tous les rituels entre-temps s’exécutent.',
  'travel.go': 'Avancer',
  'travel.cancel': 'Annuler',
  'travel.ran': 'Exécuté : {items}.',
  'count.prompts_one': '{n} point hebdo envoyé à un collègue',
  'count.prompts_other': '{n} points hebdo envoyés aux collègues',
  'count.reminders_one': '{n} rappel envoyé à un collègue',
  'count.reminders_other': '{n} rappels envoyés aux collègues',
  'count.answers_one': '{n} collègue a répondu à son point',
  'count.answers_other': '{n} collègues ont répondu à leur point',
  'count.nudges_one': '{n} alerte de seuil envoyée à un collègue',
  'count.nudges_other': '{n} alertes de seuil envoyées aux collègues',
  'count.posts_one': '{n} message dans le canal d’une autre équipe',
  'count.posts_other': '{n} messages dans les canaux des autres équipes',
  'count.imports_one': '{n} import CRM',
  'count.imports_other': '{n} imports CRM',
  'count.standups_one': '{n} synthèse de point envoyée à un manager',
  'count.standups_other': '{n} synthèses de point envoyées aux managers',
  'count.other_one': '{n} autre message',
  'count.other_other': '{n} autres messages',
  'where.dm': 'dans vos messages privés',
  'where.channel': 'dans #{team}',
  'admin.thread': 'Admin : imports de données',
  'admin.note':
    'Ce que voit l’équipe sales ops : l’export CRM de la nuit, importé par le même chemin que `rituals import`.',
  'crm.title': 'Import CRM',
  'crm.body':
    '{team}, {days} : {total} valeurs de l’export CRM de la nuit ({inserted} nouvelles, {updated} mises à jour).',
  'notice.close': 'Fermer',
  'notice.label': 'Notifications',
  'empty.dm':
    'Rien pour l’instant : le bot vous écrit quand un rituel vous concerne (votre point hebdo arrive le vendredi). Les boutons « Commencer ici » ci-dessus le montrent tout de suite.',
  'help.commands': 'Commandes',
  'cmd.checkin': 'pointage',
  'cmd.me': 'moi',
  'cmd.standup': 'point',
  'cmd.help': 'aide',
  'cmd.ooo': 'absent',
  'cmd.oooOff': 'absent fin',
  'nav.threads': 'Conversations',
  'clock.controls': 'Horloge',
};

export const sandboxCatalogs: Readonly<Record<Locale, Readonly<Record<SandboxKey, string>>>> = { en, fr };

/** A sandbox string in the viewer's language, with {placeholders}. */
export function st(locale: Locale, key: SandboxKey, params: Readonly<Record<string, string | number>> = {}): string {
  const template = (sandboxCatalogs[locale] ?? sandboxCatalogs.en)[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** `{base}_one` or `{base}_other` by the language's plural rules (0 is singular in French). */
export function stCount(
  locale: Locale,
  base:
    | 'count.prompts'
    | 'count.reminders'
    | 'count.answers'
    | 'count.nudges'
    | 'count.standups'
    | 'count.posts'
    | 'count.imports'
    | 'count.other',
  n: number,
): string {
  const form = new Intl.PluralRules(locale).select(n) === 'one' ? 'one' : 'other';
  return st(locale, `${base}_${form}` as SandboxKey, { n });
}

/** The page's language from the browser's Accept-Language: the first of en or fr it names, else none. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  for (const part of (header ?? '').split(',')) {
    const lang = part.trim().split(';')[0]!.toLowerCase().split('-')[0];
    if (lang === 'fr' || lang === 'en') return lang;
  }
  return undefined;
}
