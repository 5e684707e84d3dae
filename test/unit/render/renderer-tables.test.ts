// The renderer contract at run time: Slack, Teams and the sandbox each hold one render function for
// exactly the core's view types (the compiler checks the same through ViewRenderers), and the core's
// lists of view types and action ids have no duplicates.
import { describe, expect, it } from 'vitest';
import { ACTION_IDS, isActionId, isView, VIEW_TYPES } from '../../../src/core/view-models.js';
import { SANDBOX_RENDERERS } from '../../../src/sandbox/render/render.js';
import { SLACK_RENDERERS } from '../../../src/slack/blocks/render.js';
import { TEAMS_RENDERERS } from '../../../src/teams/cards/render.js';

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('renderer tables', () => {
  it.each([
    ['slack', SLACK_RENDERERS],
    ['teams', TEAMS_RENDERERS],
    ['sandbox', SANDBOX_RENDERERS],
  ] as const)('%s renders exactly the core view types', (_name, table) => {
    expect(sorted(Object.keys(table))).toEqual(sorted(VIEW_TYPES));
    for (const render of Object.values(table)) expect(typeof render).toBe('function');
  });

  it('lists each view type and action id once', () => {
    expect(new Set(VIEW_TYPES).size).toBe(VIEW_TYPES.length);
    expect(new Set(ACTION_IDS).size).toBe(ACTION_IDS.length);
  });
});

describe('isView and isActionId', () => {
  it('accepts a stored view of a known type and refuses the rest', () => {
    const notice = { type: 'notice', locale: 'fr', text: 'Bonjour', tone: 'info', body: 'Bonjour' };
    expect(isView(JSON.parse(JSON.stringify(notice)))).toBe(true);
    expect(isView({ ...notice, type: 'crm_import' })).toBe(false);
    expect(isView({ ...notice, locale: 'de' })).toBe(false);
    expect(isView({ type: 'notice', locale: 'en' })).toBe(false);
    expect(isView('notice')).toBe(false);
    expect(isView(null)).toBe(false);
  });

  it('knows the action ids and nothing else', () => {
    for (const id of ACTION_IDS) expect(isActionId(id)).toBe(true);
    expect(isActionId('home.command')).toBe(false);
    expect(isActionId('checkin.open#1')).toBe(false);
    expect(isActionId('')).toBe(false);
  });
});
