// Review charts on Teams cards. Rendering stays synchronous, so before a monthly review or QBR is rendered
// the gateway draws each chart's PNG here and picks the URL its card Image loads: a data: URI when the
// PNG is small enough to travel inside the card (it never expires, and needs no public URL), else a
// signed expiring link on the bot's public https URL (Teams loads images over https only), else none:
// the card shows the chart's title and alt text. A review is one post with its charts: inline images
// that would push the review onto a second card (or a card over its budget) become links, else text,
// the biggest first, so every message stays under Teams' 28 KB and the charts never add a post.
import type { Locale } from '../core/domain/model.js';
import type { View } from '../core/view-models.js';
import { type ChartLinks, pngDataUri } from '../http/chart-links.js';
import type { Logger } from '../logging/logger.js';
import { cardBytes } from './cards/common.js';
import { CARD_BUDGET_BYTES } from './cards/fit.js';
import { renderCards } from './cards/render.js';
import type { ChartImages } from './cards/review.js';

export interface TeamsCharts {
  /** Undefined when the id names no chart. */
  png(id: string, locale: Locale): Promise<Buffer | undefined>;
  /** Publishes PNGs that cannot be inlined; used only when its links are absolute https URLs (PUBLIC_URL). */
  readonly links?: Pick<ChartLinks, 'publish'>;
}

type ImagesLog = Pick<Logger, 'info' | 'warn'>;

function httpsLink(links: TeamsCharts['links'], png: Buffer): string | undefined {
  const url = links?.publish(png).url;
  return url?.startsWith('https://') ? url : undefined;
}

/** The image URL of each of the view's charts that can be shown; undefined for other views. */
export async function chartImages(
  view: View,
  charts: TeamsCharts | undefined,
  log: ImagesLog,
): Promise<ChartImages | undefined> {
  if (!charts || (view.type !== 'monthly_review' && view.type !== 'qbr') || view.charts.length === 0) return undefined;
  const where = (i: number) => ({ view: view.type, team: view.teamId, chart: i });
  const images = new Map<string, string>();
  const pngs = new Map<string, Buffer>();
  for (const [i, chart] of view.charts.entries()) {
    let png: Buffer | undefined;
    try {
      png = await charts.png(chart.id, view.locale);
    } catch (err) {
      log.warn({ ...where(i), err: (err as Error).name }, 'teams: review chart not drawn; shown as text');
      continue;
    }
    if (!png) {
      log.warn(where(i), 'teams: review chart names no chart; shown as text');
      continue;
    }
    pngs.set(chart.id, png);
    const url = pngDataUri(png) ?? httpsLink(charts.links, png);
    if (url) images.set(chart.id, url);
    else
      log.info(
        { ...where(i), bytes: png.length },
        'teams: chart too big to inline and no https PUBLIC_URL to link it; shown as text',
      );
  }
  // As many cards as the review's text alone needs (one, but for a huge team): the biggest inline
  // images give way until the charts fit on them.
  const posts = renderCards(view, { chartImages: new Map() }).length;
  for (;;) {
    const cards = renderCards(view, { chartImages: images });
    if (cards.length <= posts && cards.every((c) => cardBytes(c) <= CARD_BUDGET_BYTES)) break;
    const biggest = [...images]
      .filter(([, url]) => url.startsWith('data:'))
      .sort((a, b) => b[1].length - a[1].length)[0];
    if (!biggest) break;
    const link = httpsLink(charts.links, pngs.get(biggest[0])!);
    if (link) images.set(biggest[0], link);
    else images.delete(biggest[0]);
  }
  return images;
}
