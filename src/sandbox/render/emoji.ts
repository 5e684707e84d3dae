// Reaction emoji of the sandbox: Slack-style short names (what the core records and tallies, as it does
// for Slack) and the glyph the page shows for each.

export const EMOJI_GLYPHS: Readonly<Record<string, string>> = {
  tada: '🎉',
  fire: '🔥',
  clap: '👏',
  '+1': '👍',
  thumbsup: '👍',
  rocket: '🚀',
  muscle: '💪',
  eyes: '👀',
  heart: '❤️',
  like: '👍',
  trophy: '🏆',
  star: '⭐',
  '100': '💯',
};

/** The emoji offered in the page's reaction picker, in order. */
export const REACTION_CHOICES: readonly string[] = ['tada', 'fire', 'clap', '+1', 'rocket', 'muscle', 'eyes'];

/** A short name's glyph; an unknown name shows as `:name:` like chat clients do. */
export function emojiGlyph(name: string): string {
  return EMOJI_GLYPHS[name] ?? `:${name}:`;
}

/** Names accepted from the page: the known ones only, so nothing arbitrary is stored as an emoji. */
export function isKnownEmoji(name: string): boolean {
  return Object.hasOwn(EMOJI_GLYPHS, name);
}
