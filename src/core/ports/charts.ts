// Core port: The charts that illustrate reviews and QBRs.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.
import type { Locale } from '../domain/model.js';
import type { ChartRef } from '../view-models.js';

/**
 * The charts that illustrate a monthly review or a QBR (src/charts draws them): each as the id an adapter
 * turns back into a PNG, with its title and alt text in `locale`. `asOf` is fixed in the ids, so a message
 * rendered again later shows the same figures.
 */
export interface ChartCatalog {
  reviewCharts(teamId: string, periodKey: string, asOf: string, locale: Locale): Promise<ChartRef[]>;
}
