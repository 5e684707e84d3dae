// The stand-up card on one screen for a team of ten: what is visible without a click (estimated in
// lines, as a Teams chat pane shows about 25 at a time) stays short, rows without figures collapse
// into one line, and the figures in detail, the blockers and the wins open below on demand.
import { describe, expect, it } from 'vitest';
import type { StandupSummaryView } from '../../../src/core/view-models.js';
import type { AdaptiveCard, CardElement } from '../../../src/teams/cards/common.js';
import { standupCards } from '../../../src/teams/cards/standup.js';
import { kpi, standup } from '../../fixtures/teams/views.js';
import { checkCard } from '../../helpers/adaptive-card-check.js';

/** Chat-pane lines a card takes before any click: about 90 characters a line; Action.ShowCard contents hidden. */
function visibleLines(card: AdaptiveCard): number {
  const height = (e: any): number => {
    switch (e.type) {
      case 'TextBlock':
        return String(e.text)
          .split('\n')
          .filter((l) => l.trim() !== '')
          .reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 90)), 0);
      case 'ColumnSet':
        return Math.max(0, ...e.columns.map((c: any) => c.items.reduce((n: number, i: any) => n + height(i), 0)));
      case 'Container':
        return e.items.reduce((n: number, i: any) => n + height(i), 0);
      case 'ActionSet':
        return 1;
      default:
        return 1;
    }
  };
  return card.body.reduce((n, e) => n + height(e), 0) + (card.actions?.length ? 1 : 0);
}

const panels = (card: AdaptiveCard) =>
  card.body
    .filter((e) => e.type === 'ActionSet')
    .flatMap((s) =>
      (s.actions as CardElement[]).map((a) => ({
        type: a.type,
        title: a.title as string,
        body: (a.card as AdaptiveCard).body,
      })),
    );

/** Ten members who all wrote a blocker and a win, five at-risk goals, a KPI nobody reported yet. */
function tenMembers(): StandupSummaryView {
  const v = standup(10, 200);
  const noFigure = {
    ...kpi(4),
    label: 'Démos',
    actualText: '—',
    attainment: null,
    attainmentText: '—',
    progress: 0,
    projectionText: undefined,
    neededText: undefined,
    status: null,
    statusText: '',
    tone: 'neutral' as const,
  };
  return {
    ...v,
    totals: [...v.totals, noFigure],
    atRisk: Array.from({ length: 7 }, (_, i) => `Membre ${i} — CA signé (${40 + i} %)`),
  };
}

describe('stand-up card, team of ten', () => {
  const view = tenMembers();
  const cards = standupCards(view);
  const card = cards[0]!;

  it('is one card that parses cleanly', () => {
    expect(cards).toHaveLength(1);
    expect(checkCard(card)).toEqual({ events: [], dropped: [] });
  });

  it('fits on one screen before any click', () => {
    expect(visibleLines(card)).toBeLessThanOrEqual(22);
  });

  it('collapses the KPIs without figures into one line and shows one row per other total', () => {
    const text = JSON.stringify(card.body.filter((e) => e.type !== 'ActionSet'));
    expect(text).toContain('Pas encore de chiffres : Démos');
    expect(card.body.filter((e) => e.type === 'ColumnSet')).toHaveLength(3);
    expect(text).not.toContain('Projeté');
  });

  it('shows five at-risk goals and says how many more are in the details', () => {
    const text = JSON.stringify(card.body.filter((e) => e.type !== 'ActionSet'));
    expect(text).toContain('Membre 4');
    expect(text).not.toContain('Membre 5');
    expect(text).toContain('et 2 de plus (dans le détail)');
  });

  it('opens the details, the blockers and the wins below the card, nothing lost', () => {
    const [details, blockers, wins] = panels(card);
    expect([details, blockers, wins].map((p) => [p!.type, p!.title])).toEqual([
      ['Action.ShowCard', 'Chiffres détaillés'],
      ['Action.ShowCard', 'Blocages (10)'],
      ['Action.ShowCard', 'Réussites (10)'],
    ]);
    expect(JSON.stringify(details!.body)).toContain('Projeté 1 980 au 30 nov.');
    expect(JSON.stringify(details!.body)).toContain('Membre 6');
    expect(blockers!.body).toHaveLength(10);
    expect(wins!.body.map((e) => e.text)).toEqual(view.wins.map((w) => `**${w.name}**: ${w.text}`));
  });

  it('leaves out the buttons of empty panels', () => {
    const quiet = standupCards({ ...view, blockers: [], wins: [], atRisk: [], totals: [] })[0]!;
    expect(panels(quiet)).toEqual([]);
    expect(quiet.body.some((e) => e.type === 'ActionSet')).toBe(false);
  });
});
