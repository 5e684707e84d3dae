// Review charts on Teams cards, through the real gateway and the fake Bot Connector: a chart PNG small
// enough travels inside the card as a data: URI; a bigger one as a signed expiring https link that our
// HTTP server serves; without an https PUBLIC_URL it shows as its title and alt text. Every card still
// parses in the adaptivecards library and every message stays under 28 KB, buttons included.
import { afterEach, describe, expect, it } from 'vitest';
import { type ChartService, createChartService } from '../../../src/charts/chart-service.js';
import { encodeIndexedPng } from '../../../src/charts/png.js';
import type { ChartRef, MonthlyReviewView, QbrView } from '../../../src/core/view-models.js';
import { createChartLinks, registerChartRoute } from '../../../src/http/chart-links.js';
import { type AdaptiveCard, cardBytes } from '../../../src/teams/cards/common.js';
import { CARD_BUDGET_BYTES } from '../../../src/teams/cards/fit.js';
import type { TeamsCharts } from '../../../src/teams/chart-images.js';
import { checkCard } from '../../helpers/adaptive-card-check.js';
import { teamsStubService } from '../../helpers/fake-rituals-service.js';
import { activity } from '../../helpers/teams-activities.js';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.js';

const CHANNEL = { kind: 'channel', teamId: 'sales' } as const;
const AS_OF = '2026-11-02T09:00:00.000Z';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let h: TeamsHarness;
afterEach(async () => h?.stop());

/** The harness with the app installed in the sales channel, drawing charts with `charts`. */
async function start(
  charts: TeamsCharts | ((service: ChartService) => TeamsCharts),
): Promise<{ service: ChartService; refs: ChartRef[] }> {
  let service: ChartService | undefined;
  h = await startTeamsHarness({
    service: (store) => teamsStubService(store),
    charts: (store, ws) => {
      service = createChartService({ workspace: () => ws, metricValues: store.metricValues, ooo: store.ooo });
      return typeof charts === 'function' ? charts(service) : charts;
    },
  });
  h.connector.channels.set('19:sales-general@thread.tacv2', [{ id: '19:sales-general@thread.tacv2', name: 'General' }]);
  await h.post(activity('team-install', { serviceUrl: h.connector.url }));
  h.connector.reset();
  await h.store.metricValues.upsertMany(
    [
      {
        memberId: 'sam',
        teamId: 'sales',
        kpiId: 'qualified_meetings',
        date: '2026-10-08',
        value: 9,
        source: 'checkin',
        externalId: 'q1',
      },
      {
        memberId: 'lea',
        teamId: 'sales',
        kpiId: 'qualified_meetings',
        date: '2026-10-22',
        value: 14,
        source: 'checkin',
        externalId: 'q2',
      },
    ],
    { at: '2026-10-31T10:00:00.000Z' },
  );
  const refs = await service!.reviewCharts('sales', '2026-10', AS_OF, 'fr');
  return { service: service!, refs };
}

const review = (charts: readonly ChartRef[]): MonthlyReviewView => ({
  type: 'monthly_review',
  locale: 'fr',
  text: 'Revue mensuelle — octobre 2026',
  teamId: 'sales',
  title: 'Revue mensuelle — octobre 2026',
  periodKey: '2026-10',
  periodLabel: 'octobre 2026',
  sections: [{ heading: 'Équipe', lines: [], notes: ['Meilleur mois de l’année.'] }],
  charts,
  actions: [
    {
      action: 'review.decision',
      label: 'Consigner une décision',
      value: JSON.stringify({ team: 'sales', period: '2026-10' }),
    },
  ],
});

/** A QBR with two proposals: five buttons share the last card with the charts. */
const qbr = (charts: readonly ChartRef[]): QbrView => {
  const proposals = Array.from({ length: 2 }, (_, i) => ({
    objectiveId: `objective-${i}`,
    label: `Rendez-vous qualifiés de l’équipe ${i}`,
    currentText: '35',
    proposed: 40,
    proposedText: '40',
    rationale: 'Moyenne des quatre derniers trimestres',
  }));
  return {
    type: 'qbr',
    locale: 'fr',
    text: 'Revue trimestrielle — T4 2026',
    teamId: 'sales',
    title: 'Revue trimestrielle — T4 2026',
    periodKey: '2026-Q4',
    periodLabel: 'T4 2026',
    sections: [],
    proposals,
    decisions: [],
    charts,
    actions: [
      ...proposals.flatMap((p) => {
        const value = JSON.stringify({
          team: 'sales',
          objective: p.objectiveId,
          target: p.proposed,
          from: '2027-01-01',
        });
        return [
          { action: 'qbr.accept' as const, label: `Accepter : ${p.label}`, value, style: 'primary' as const },
          { action: 'qbr.change' as const, label: `Modifier : ${p.label}`, value },
        ];
      }),
      {
        action: 'review.decision',
        label: 'Consigner une décision',
        value: JSON.stringify({ team: 'sales', period: '2026-Q4' }),
      },
    ],
  };
};

/** A real PNG of about `side`² bytes: noise over 256 colours does not compress. */
function noisePng(side: number, seed = 7): Buffer {
  const rgba = new Uint8Array(side * side * 4);
  let x = seed;
  for (let i = 0; i < side * side; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const c = (x >>> 16) & 0xff;
    rgba.set([c, 255 - c, (c * 7) & 0xff, 255], i * 4);
  }
  return encodeIndexedPng(rgba, side, side)!;
}

const cards = (): AdaptiveCard[] => h.connector.sent.map((call) => call.body.attachments[0].content as AdaptiveCard);

function elements(card: AdaptiveCard): any[] {
  const out: any[] = [];
  const walk = (v: any) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (typeof v.type === 'string') out.push(v);
      for (const k of ['body', 'items', 'columns']) if (v[k]) walk(v[k]);
    }
  };
  walk(card.body);
  return out;
}

const images = () => cards().flatMap((c) => elements(c).filter((e) => e.type === 'Image'));
const texts = () =>
  cards().flatMap((c) =>
    elements(c)
      .filter((e) => e.type === 'TextBlock')
      .map((e) => e.text as string),
  );

function expectValidMessages(): void {
  expect(h.connector.sent.length).toBeGreaterThan(0);
  for (const call of h.connector.sent) {
    const card = call.body.attachments[0].content;
    expect(checkCard(card)).toEqual({ events: [], dropped: [] });
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(Buffer.byteLength(JSON.stringify(call.body))).toBeLessThan(28 * 1024);
  }
}

describe('Teams review charts', () => {
  it('puts each chart on the one review card as an inline PNG with its alt text, its title drawn in the image only', async () => {
    const { service, refs } = await start((s) => s);
    expect(refs).toHaveLength(2);
    expect((await h.adapter.gateway.send(CHANNEL, review(refs))).status).toBe('sent');
    expectValidMessages();
    const imgs = images();
    expect(imgs.map((i) => i.altText)).toEqual(refs.map((r) => r.altText));
    for (const [i, img] of imgs.entries()) {
      expect(img.url).toMatch(/^data:image\/png;base64,/);
      const png = Buffer.from(img.url.slice('data:image/png;base64,'.length), 'base64');
      expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(png.equals((await service.png(refs[i]!.id, 'fr'))!)).toBe(true);
    }
    // One post; the title is in the picture, not repeated in a TextBlock above it.
    expect(h.connector.sent).toHaveLength(1);
    expect(texts()).toContain('Graphiques');
    for (const r of refs) expect(texts().join('\n')).not.toContain(r.title);
    // Drawn as of the instant in the id: a review re-rendered later shows the same figures.
    expect(refs.every((r) => r.id.includes(`at=${encodeURIComponent(AS_OF)}`))).toBe(true);
  });

  it('links a PNG too big to inline through a signed https link that the bot serves', async () => {
    const big = noisePng(160);
    expect(big.length).toBeGreaterThan(16 * 1024);
    const links = createChartLinks({ publicUrl: 'https://bot.example.com', secret: 'chart-secret' });
    const { refs } = await start({ png: async () => big, links });
    registerChartRoute(h.http, links);
    expect((await h.adapter.gateway.send(CHANNEL, review(refs))).status).toBe('sent');
    expectValidMessages();
    const imgs = images();
    expect(imgs).toHaveLength(2);
    for (const img of imgs) {
      expect(img.url).toMatch(/^https:\/\/bot\.example\.com\/charts\/[\w-]+\.[0-9a-z]+\.[\w-]+\.png$/);
      const res = await fetch(`${h.url}${new URL(img.url).pathname}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await res.arrayBuffer()).equals(big)).toBe(true);
    }
  });

  it('shows a big chart as its title and alt text when no https link can be made', async () => {
    const big = noisePng(160);
    const { refs } = await start({
      png: async () => big,
      links: createChartLinks({ publicUrl: 'http://localhost:3000' }),
    });
    expect((await h.adapter.gateway.send(CHANNEL, review(refs))).status).toBe('sent');
    expectValidMessages();
    expect(images()).toEqual([]);
    expect(texts().join('\n')).toContain(`${refs[0]!.title} — ${refs[0]!.altText}`);
    expect(h.logs()).toContain('no https PUBLIC_URL to link it');
  });

  // A big team's attainment chart: every member in the alt text, next to a PNG just small enough to inline.
  const crowded: ChartRef = {
    id: 'big-attainment',
    title: 'Atteinte des objectifs — T4 2026',
    altText: `Atteinte des objectifs par personne, T4 2026 : ${Array.from({ length: 90 }, (_, i) => `Représentante Numéro ${i} Dupont-Lefebvre de la Fontaine ${50 + i} %`).join(', ')}.`,
  };
  const drawCrowded = (s: ChartService) => async (id: string, locale: 'en' | 'fr') =>
    id === crowded.id ? noisePng(124) : s.png(id, locale);

  it('keeps every card under budget: an inline image that no longer fits next to the buttons becomes a link', async () => {
    const links = createChartLinks({ publicUrl: 'https://bot.example.com' });
    const { service, refs } = await start((s) => ({ png: drawCrowded(s), links }));
    expect(noisePng(124).length).toBeLessThanOrEqual(16 * 1024);
    const charts = [...refs, crowded];
    expect((await h.adapter.gateway.send(CHANNEL, qbr(charts))).status).toBe('sent');
    expectValidMessages();
    const imgs = images();
    expect(imgs.map((i) => i.altText)).toEqual(charts.map((c) => c.altText));
    // The real charts (a few KB) stay inline; the 16 KB one with its long alt text goes by link.
    expect(imgs.map((i) => (i.url.startsWith('data:') ? 'inline' : 'link'))).toEqual(['inline', 'inline', 'link']);
    expect((await service.png(refs[0]!.id, 'fr'))!.length).toBeLessThan(8 * 1024);
  });

  it('without links, an image that does not fit shows as text, and the message still fits', async () => {
    const { refs } = await start((s) => ({ png: drawCrowded(s) }));
    expect((await h.adapter.gateway.send(CHANNEL, qbr([...refs, crowded]))).status).toBe('sent');
    expectValidMessages();
    expect(images().map((i) => i.altText)).toEqual(refs.map((r) => r.altText));
    expect(texts().join('\n')).toContain(`${crowded.title} — Atteinte des objectifs par personne`);
  });

  // Four charts of a real review's size (about 6 KB each): together more than one card holds inline.
  const four = (refs: readonly ChartRef[]): ChartRef[] =>
    Array.from({ length: 4 }, (_, i) => ({
      id: `${refs[0]!.id}#${i}`,
      title: `Graphique ${i}`,
      altText: `Courbe ${i} : atteinte ${60 + i} %`,
    }));
  const drawFour = async (id: string) => noisePng(80, 1 + Number(id.split('#')[1]));

  it('is one post with all four charts: those that do not fit inline go by link', async () => {
    const links = createChartLinks({ publicUrl: 'https://bot.example.com' });
    const { refs } = await start({ png: drawFour, links });
    const charts = four(refs);
    expect((await h.adapter.gateway.send(CHANNEL, review(charts))).status).toBe('sent');
    expectValidMessages();
    expect(h.connector.sent).toHaveLength(1);
    const imgs = images();
    expect(imgs.map((i) => i.altText)).toEqual(charts.map((c) => c.altText));
    expect(imgs.some((i) => i.url.startsWith('data:'))).toBe(true);
    expect(imgs.some((i) => i.url.startsWith('https://'))).toBe(true);
  });

  it('is one post even without links: the charts that do not fit are named with their alt text', async () => {
    const { refs } = await start({ png: drawFour });
    const charts = four(refs);
    expect((await h.adapter.gateway.send(CHANNEL, review(charts))).status).toBe('sent');
    expectValidMessages();
    expect(h.connector.sent).toHaveLength(1);
    const shown = images().map((i) => i.altText);
    expect(shown.length).toBeGreaterThan(0);
    for (const c of charts.filter((c) => !shown.includes(c.altText)))
      expect(texts().join('\n')).toContain(`${c.title} — ${c.altText}`);
  });

  it('opens the decision form below the review: kind, text and a submit that keeps the card', async () => {
    const { refs } = await start((s) => s);
    await h.adapter.gateway.send(CHANNEL, review(refs));
    const card = cards()[0]!;
    const [record] = card.actions as any[];
    expect(record).toMatchObject({ type: 'Action.ShowCard', title: 'Consigner une décision' });
    expect(record.card.body.map((e: any) => [e.type, e.id])).toEqual([
      ['Input.ChoiceSet', 'kind'],
      ['Input.Text', 'text'],
    ]);
    expect(record.card.actions).toEqual([
      expect.objectContaining({
        type: 'Action.Execute',
        verb: 'review.decision.submit',
        data: { action: 'review.decision.submit', value: JSON.stringify({ team: 'sales', period: '2026-10' }) },
      }),
    ]);
    expect(JSON.stringify(record.card)).toContain('Hypothèse');
  });

  it('sends the review with its charts as text when they cannot be drawn', async () => {
    const { refs } = await start({
      png: async () => {
        throw new Error('renderer crashed');
      },
    });
    expect((await h.adapter.gateway.send(CHANNEL, review(refs))).status).toBe('sent');
    expectValidMessages();
    expect(images()).toEqual([]);
    expect(texts().join('\n')).toContain(`${refs[1]!.title} — ${refs[1]!.altText}`);
    expect(h.logs()).toContain('teams: review chart not drawn; shown as text');
    expect(h.logs()).not.toContain('renderer crashed');
  });
});
