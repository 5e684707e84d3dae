// Renders a chart spec to PNG on the server: Vega's headless View writes SVG (no browser, no canvas),
// resvg rasterises it with the bundled DejaVu fonts only (system fonts off), so the same spec gives
// the same pixels on every machine. Specs carry their data inline; the loader refuses any URL. The PNG
// is re-encoded as an indexed image when it allows (see png.ts): a chart weighs a few KB. Vega and resvg
// load on the first chart, not at start: they take a third of a second to import.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Loader, Spec } from 'vega';
import { encodeIndexedPng } from './png.js';
import { CHART_WIDTH } from './spec-common.js';
import { applyTheme, CHART_FONT, type ChartTheme } from './theme.js';

export interface RenderOptions {
  readonly theme: ChartTheme;
  /** Output width in pixels (default 640). */
  readonly width?: number;
}

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const CHART_FONT_FILES: readonly string[] = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) =>
  join(FONT_DIR, f),
);

const refuse = async (): Promise<never> => {
  throw new Error('charts load no external resources');
};
// Vega would fetch a spec's `url` data; ours never has one, and a chart must never reach the network.
const offlineLoader = { load: refuse, sanitize: refuse, http: refuse, file: refuse } as unknown as Loader;

let vega: Promise<typeof import('vega')> | undefined;
let resvg: Promise<typeof import('@resvg/resvg-js')> | undefined;

/** The themed SVG of a spec. */
export async function renderChartSvg(spec: Spec, theme: ChartTheme): Promise<string> {
  vega ??= import('vega');
  const { parse, View } = await vega;
  const view = new View(parse(applyTheme(spec, theme)), { renderer: 'none', loader: offlineLoader, logLevel: 0 });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderChartPng(spec: Spec, opts: RenderOptions): Promise<Buffer> {
  const svg = await renderChartSvg(spec, opts.theme);
  resvg ??= import('@resvg/resvg-js');
  const { renderAsync } = await resvg;
  const image = await renderAsync(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: [...CHART_FONT_FILES],
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
    fitTo: { mode: 'width', value: opts.width ?? CHART_WIDTH },
    logLevel: 'off',
  });
  // Same pixels, fewer bytes: indexed when the chart has at most 256 colours (it normally does).
  return encodeIndexedPng(image.pixels, image.width, image.height) ?? image.asPng();
}
