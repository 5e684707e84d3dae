// What the bot reads as the command in a Teams message: the bot's @mention and markup removed.
import type { TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { commandText } from '../../../src/teams/turns/reply.js';

const ctx = (text: string, entities: unknown[] = []) =>
  ({ activity: { text, entities, recipient: { id: '28:bot' } } }) as unknown as TurnContext;

describe('commandText', () => {
  it.each([
    ['me', [], 'me'],
    ['  ooo   2026-12-21  2026-12-31 ', [], 'ooo 2026-12-21 2026-12-31'],
    [
      '<at>Goal Rituals</at> leaderboard',
      [{ type: 'mention', text: '<at>Goal Rituals</at>', mentioned: { id: '28:bot' } }],
      'leaderboard',
    ],
    [
      '<at>Goal Rituals</at>&nbsp;run progress',
      [{ type: 'mention', text: '<at>Goal Rituals</at>', mentioned: { id: '28:bot' } }],
      'run progress',
    ],
    ['<p>classement</p>', [], 'classement'],
    ['', [], ''],
  ])('%j -> %j', (text, entities, expected) => {
    expect(commandText(ctx(text, entities))).toBe(expected);
  });
});
