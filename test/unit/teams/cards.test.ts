// Every card the bot can send, parsed by the `adaptivecards` reference library: no parse or validation
// event, no property it does not understand, schema 1.5, under 28 KB for a 40-member team (long views
// split into several cards), and buttons that fall back to Action.Submit with the same data.
import { describe, expect, it } from 'vitest';
import { isView, type View } from '../../../src/core/view-models.js';
import { numberValue } from '../../../src/teams/cards/check-in.js';
import { text } from '../../../src/teams/cards/common.js';
import { CARD_BUDGET_BYTES, MAX_MESSAGE_BYTES, packCards } from '../../../src/teams/cards/fit.js';
import { cardActivity, renderCards } from '../../../src/teams/cards/render.js';
import * as V from '../../fixtures/teams/views.js';
import { checkCard, parseWithoutExecute } from '../../helpers/adaptive-card-check.js';

const cardsOf = (view: View) => renderCards(view);
const messageBytes = (view: View, i: number) =>
  Buffer.byteLength(
    JSON.stringify({
      ...cardActivity(cardsOf(view)[i]!, view.text),
      id: 'x'.repeat(40),
      conversation: { id: 'a:'.padEnd(120, 'x') },
      from: { id: '28:'.padEnd(40, 'x') },
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
    }),
  );

describe.each(V.allViews())('card for $name', ({ view }) => {
  it('parses without any error in the adaptivecards library', () => {
    for (const card of cardsOf(view)) {
      const problems = checkCard(card);
      expect(problems.events).toEqual([]);
      expect(problems.dropped).toEqual([]);
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    }
  });

  it('stays under 28 KB per message', () => {
    for (const i of cardsOf(view).keys()) expect(messageBytes(view, i)).toBeLessThan(MAX_MESSAGE_BYTES);
  });

  it('gives every Action.Execute an Action.Submit fallback with the same data (also in the cards buttons open)', () => {
    // A card's own buttons, then those of each Action.ShowCard's card (a review's decision form).
    const withShown = (c: { actions?: readonly unknown[] }): { actions?: readonly unknown[] }[] => [
      c,
      ...((c.actions ?? []) as { type: string; card?: { actions?: readonly unknown[] } }[])
        .filter((a) => a.type === 'Action.ShowCard')
        .flatMap((a) => withShown(a.card!)),
    ];
    for (const card of cardsOf(view).flatMap(withShown)) {
      const execute = ((card.actions ?? []) as { type: string; data: unknown }[]).filter(
        (a) => a.type === 'Action.Execute',
      );
      const fallback = parseWithoutExecute(card).filter((a) => a.type !== 'Action.ShowCard');
      expect(fallback.map((a) => a.type)).toEqual(execute.map(() => 'Action.Submit'));
      expect(fallback.map((a) => a.data)).toEqual(execute.map((a) => a.data));
    }
  });
});

describe('check-in form card', () => {
  const card = renderCards(V.form)[0]!;
  const inputs = card.body.filter((e) => e.type.startsWith('Input.')) as Record<string, unknown>[];

  it('has an Input.Number per KPI with min, max, required and an error message, prefilled from the French text', () => {
    expect(inputs.slice(0, 2)).toEqual([
      expect.objectContaining({
        type: 'Input.Number',
        id: 'calls',
        min: 0,
        max: 10000,
        isRequired: true,
        value: 12,
        errorMessage: 'Saisissez un nombre entre 0 et 10000.',
      }),
      expect.objectContaining({ type: 'Input.Number', id: 'meetings', min: 0, max: 500, isRequired: true, value: 2.5 }),
    ]);
    expect(inputs.slice(2).map((i) => [i.type, i.id, i.isMultiline, i.maxLength])).toEqual([
      ['Input.Text', 'wins', true, 1000],
      ['Input.Text', 'blockers', true, 1000],
    ]);
  });

  it('submits with Action.Execute carrying the form metadata', () => {
    expect(card.actions).toEqual([
      expect.objectContaining({
        type: 'Action.Execute',
        verb: 'checkin.submit',
        data: { action: 'checkin.submit', value: V.form.metadata },
        style: 'positive',
      }),
    ]);
  });

  it('shows server-side errors under their field and general ones on top', () => {
    const withErrors = renderCards(V.formWithErrors)[0]!;
    const texts = withErrors.body.map((e) =>
      e.type === 'TextBlock' ? `${e.text}|${e.color ?? ''}` : e.type === 'Input.Number' ? `#${String(e.id)}` : '',
    );
    const calls = texts.indexOf('#calls');
    expect(texts[calls + 1]).toBe(`${V.formWithErrors.errors.calls}|Attention`);
    expect(texts.indexOf(`${V.formWithErrors.errors._form}|Attention`)).toBeLessThan(calls);
  });

  it('reads prefilled numbers typed either way and leaves garbage empty', () => {
    expect([numberValue('12,5'), numberValue('1 234.5'), numberValue('abc'), numberValue(undefined)]).toEqual([
      12.5,
      1234.5,
      undefined,
      undefined,
    ]);
  });
});

describe('splitting long views', () => {
  it('splits a 120-row leaderboard into numbered cards, each under the budget, keeping every row once', () => {
    const lb = V.leaderboard(V.TEAM_SIZE);
    const big: View = {
      ...lb,
      rows: Array.from({ length: 3 }, (_, k) =>
        lb.rows.map((r) => ({ ...r, rank: r.rank + k * V.TEAM_SIZE, memberId: `${r.memberId}-${k}` })),
      ).flat(),
    };
    const cards = renderCards(big);
    expect(cards.length).toBeGreaterThan(1);
    cards.forEach((c, i) => {
      expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
      expect(c.body[0]).toMatchObject({ text: `${lb.title} (${i + 1}/${cards.length})` });
      expect(checkCard(c).events).toEqual([]);
    });
    const ranks = cards.flatMap((c) =>
      c.body.filter((e) => e.type === 'ColumnSet').map((e) => (e.columns as any[])[0].items[0].text as string),
    );
    expect(ranks).toEqual(Array.from({ length: 120 }, (_, i) => `${i + 1}.`));
    // The footer only closes the last card.
    expect(JSON.stringify(cards.at(-1))).toContain(lb.footer);
    expect(JSON.stringify(cards[0])).not.toContain(lb.footer);
  });

  it('shortens a single group too big for any card instead of dropping it', () => {
    const cards = packCards({ head: () => [text('Title')], groups: [[text('x'.repeat(40_000))]] });
    expect(cards).toHaveLength(1);
    expect(Buffer.byteLength(JSON.stringify(cards[0]))).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  });
});

describe('view guard', () => {
  it('accepts stored views and refuses anything else', () => {
    expect(isView(JSON.parse(JSON.stringify(V.nudge)))).toBe(true);
    expect(isView({ type: 'nudge', text: 'x', locale: 'en' })).toBe(false);
    expect(isView({ ...V.nudge, locale: 'de' })).toBe(false);
    expect(isView(null)).toBe(false);
  });
});

describe('QBR card with several proposals', () => {
  // As the core builds it: an Accept and a Change button per proposal, plus Record decision.
  const ids = ['o1', 'o2', 'o3', 'o4'];
  const view: View = {
    ...V.qbr,
    proposals: ids.map((id) => ({ ...V.qbr.proposals[0]!, objectiveId: id, label: `Objectif ${id}` })),
    actions: [
      ...ids.flatMap((id) => {
        const value = JSON.stringify({ team: 'sales', objective: id, target: 10, from: '2027-01-01' });
        return [
          { action: 'qbr.accept' as const, label: `Accepter ${id}`, value, style: 'primary' as const },
          { action: 'qbr.change' as const, label: `Modifier ${id}`, value },
        ];
      }),
      { action: 'review.decision' as const, label: 'Consigner une décision', value: '{"team":"sales"}' },
    ],
  };

  it('puts each proposal’s buttons under it, so no action bar is too long', () => {
    const cards = renderCards(view);
    for (const card of cards) expect(checkCard(card).events).toEqual([]);
    const body = JSON.stringify(cards.map((c) => c.body));
    for (const id of ids) {
      expect(body).toContain(`Accepter ${id}`);
      expect(body).toContain(`Modifier ${id}`);
    }
    const cardLevel = cards.flatMap((c) => (c.actions ?? []) as { title?: string }[]).map((a) => a.title);
    expect(cardLevel).toEqual(['Consigner une décision']);
  });
});
