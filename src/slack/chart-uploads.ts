// Review charts in Slack: once a monthly review or QBR message is posted, its charts' PNGs go into that
// message's thread in one files.uploadV2 (files.getUploadURLExternal per file, the upload itself, then
// one files.completeUploadExternal with the channel and thread), titled, with alt text for screen
// readers. Best effort: a chart that cannot be drawn is left out, and a failed upload is logged, never
// reported as a failed post (the review went out, and its blocks list the charts in text).
import type { webApi } from '@slack/bolt';
import type { Locale } from '../core/domain/model.js';
import { t } from '../core/i18n/index.js';
import type { View } from '../core/view-models.js';
import { errorFields, type SlackLog } from './log.js';

/** Where the PNGs come from (src/charts' chart service fits). */
export interface SlackChartSource {
  /** Undefined when the id names no chart. */
  png(id: string, locale: Locale): Promise<Buffer | undefined>;
}

/** Slack refuses longer alt text on an image. */
export const ALT_TEXT_MAX = 1000;

export interface ChartUploadInput {
  readonly client: webApi.WebClient;
  readonly charts: SlackChartSource;
  readonly log: SlackLog;
  readonly view: View;
  readonly channel: string;
  /** The review message's ts: the charts are its thread. */
  readonly threadTs: string;
  /** The workspace's bot token (multi-workspace install); the client's own otherwise. */
  readonly token?: string;
}

// The Slack error code only: an error's message may quote what was sent.
const failure = (err: unknown) => {
  const { code, slackError } = errorFields(err);
  return { code, slackError };
};

/** Uploads the view's charts into the thread; returns how many were shared (0 for other views). */
export async function uploadReviewCharts({
  client,
  charts,
  log,
  view,
  channel,
  threadTs,
  token,
}: ChartUploadInput): Promise<number> {
  if ((view.type !== 'monthly_review' && view.type !== 'qbr') || view.charts.length === 0) return 0;
  const files: { file: Buffer; filename: string; title: string; alt_text: string }[] = [];
  for (const [i, chart] of view.charts.entries()) {
    try {
      const png = await charts.png(chart.id, view.locale);
      if (!png) {
        log.warn({ view: view.type, team: view.teamId, chart: i }, 'slack: review chart names no chart; left out');
        continue;
      }
      files.push({
        file: png,
        filename: `${view.type}-${view.periodKey}-${i + 1}.png`,
        title: chart.title,
        alt_text: chart.altText.slice(0, ALT_TEXT_MAX),
      });
    } catch (err) {
      log.warn(
        { view: view.type, team: view.teamId, chart: i, ...failure(err) },
        'slack: review chart not drawn; left out',
      );
    }
  }
  if (files.length === 0) return 0;
  try {
    await client.filesUploadV2({
      channel_id: channel,
      thread_ts: threadTs,
      initial_comment: t(view.locale, 'chat.charts'),
      file_uploads: files,
      ...(token ? { token } : {}),
    });
    log.debug({ view: view.type, channel, ts: threadTs, charts: files.length }, 'slack: review charts uploaded');
    return files.length;
  } catch (err) {
    log.warn(
      { view: view.type, channel, ts: threadTs, charts: files.length, ...failure(err) },
      'slack: review charts not uploaded',
    );
    return 0;
  }
}
