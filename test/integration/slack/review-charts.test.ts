// Review charts in Slack, over real HTTP against the fake Web API: the monthly review and the QBR are
// posted, then their charts (drawn by the real chart service from a real store) are uploaded into the
// review message's thread through files.uploadV2, with titles and alt text in the team's language. A
// failed upload or a chart that cannot be drawn never fails the post: it is logged with ids only.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseChartId } from '../../../src/charts/chart-request.js';
import { type ChartService, createChartService } from '../../../src/charts/chart-service.js';
import type { ChatGateway } from '../../../src/core/ports/index.js';
import type { ChartRef, MonthlyReviewView, QbrView } from '../../../src/core/view-models.js';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createSlackAdapter } from '../../../src/slack/adapter.js';
import { ALT_TEXT_MAX, type SlackChartSource } from '../../../src/slack/chart-uploads.js';
import type { Store } from '../../../src/store/connection.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { type CaptureLog, captureLog } from '../../helpers/capture-log.js';
import { slackRecordingService } from '../../helpers/fake-rituals-service.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { memoryStore } from '../../helpers/store.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

const ws = fixtureWorkspace();
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const AS_OF = '2026-11-02T09:00:00.000Z';
let store: Store;
let charts: ChartService;
let refs: ChartRef[];

beforeAll(async () => {
  store = await memoryStore();
  await syncWorkspace(store, ws, { actor: 'config', at: '2026-10-01T00:00:00.000Z' });
  await store.metricValues.upsertMany(
    [
      {
        memberId: 'alice',
        teamId: 'sales',
        kpiId: 'opportunities',
        date: '2026-10-06',
        value: 4,
        source: 'import',
        externalId: 'o1',
      },
      {
        memberId: 'bob',
        teamId: 'sales',
        kpiId: 'opportunities',
        date: '2026-10-20',
        value: 7,
        source: 'import',
        externalId: 'o2',
      },
      {
        memberId: 'alice',
        teamId: 'sales',
        kpiId: 'meetings',
        date: '2026-10-14',
        value: 12,
        source: 'checkin',
        externalId: 'm1',
      },
    ],
    { at: '2026-10-31T10:00:00.000Z' },
  );
  charts = createChartService({ workspace: () => ws, metricValues: store.metricValues, ooo: store.ooo });
  refs = await charts.reviewCharts('sales', '2026-10', AS_OF, 'fr');
});
afterAll(() => store.close());

const review = (charts: readonly ChartRef[]): MonthlyReviewView => ({
  type: 'monthly_review',
  locale: 'fr',
  text: 'Revue mensuelle — octobre 2026',
  teamId: 'sales',
  title: 'Revue mensuelle — octobre 2026',
  periodKey: '2026-10',
  periodLabel: 'octobre 2026',
  sections: [],
  charts,
  actions: [],
});

const qbr = (charts: readonly ChartRef[]): QbrView => ({
  type: 'qbr',
  locale: 'fr',
  text: 'Revue trimestrielle — T4 2026',
  teamId: 'sales',
  title: 'Revue trimestrielle — T4 2026',
  periodKey: '2026-Q4',
  periodLabel: 'T4 2026',
  sections: [],
  proposals: [],
  decisions: [],
  charts,
  actions: [],
});

describe('Slack review charts', () => {
  let fake: FakeSlackApi;
  let log: CaptureLog;
  const gatewayWith = (source?: SlackChartSource): ChatGateway =>
    createSlackAdapter({
      config: { botToken: fake.token, signingSecret: 's', apiUrl: fake.url },
      service: slackRecordingService({}),
      workspace: () => ws,
      http: new HttpServer(createLogger('silent')),
      log,
      ...(source ? { charts: source } : {}),
    }).gateway;

  beforeEach(async () => {
    fake = await new FakeSlackApi().start();
    fake.addChannel('C_SALES');
    log = captureLog();
  });
  afterEach(async () => fake.close());

  it('lists the review charts of the team in its language, ids fixing the as-of instant', () => {
    expect(refs.map((r) => parseChartId(r.id))).toEqual([
      { kind: 'burnup', teamId: 'sales', periodKey: '2026-10', objectiveId: 'pipeline', asOf: AS_OF },
      { kind: 'attainment', teamId: 'sales', periodKey: '2026-10', asOf: AS_OF },
    ]);
    expect(refs[1]!.title).toBe('Atteinte des objectifs — octobre 2026');
    expect(refs[1]!.altText).toMatch(/^Atteinte des objectifs par personne, octobre 2026\s:\sAlice Martin 34\s%/);
  });

  it('posts the monthly review, then uploads its charts into the message thread with titles and alt text', async () => {
    const out = await gatewayWith(charts).send({ kind: 'channel', teamId: 'sales' }, review(refs));
    if (out.status !== 'sent') throw new Error(out.status);
    expect(fake.messagesIn('C_SALES')).toHaveLength(1);
    expect(fake.okCallsTo('files.getUploadURLExternal')).toHaveLength(2);
    expect(fake.okCallsTo('upload')).toHaveLength(2);
    // One completion: both charts in one threaded reply, introduced in French.
    const [complete] = fake.okCallsTo('files.completeUploadExternal');
    expect(fake.okCallsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(complete!.args).toMatchObject({
      channel_id: 'C_SALES',
      thread_ts: out.ref.id,
      initial_comment: 'Graphiques',
    });
    expect(
      fake.files.map((f) => ({
        channel: f.channel,
        threadTs: f.threadTs,
        title: f.title,
        altText: f.altText,
        filename: f.filename,
      })),
    ).toEqual(
      refs.map((r, i) => ({
        channel: 'C_SALES',
        threadTs: out.ref.id,
        title: r.title,
        altText: r.altText,
        filename: `monthly_review-2026-10-${i + 1}.png`,
      })),
    );
    for (const f of fake.files) {
      expect([...f.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(f.bytes.length).toBeGreaterThan(1000);
    }
    // The bytes are the chart itself, drawn in the review's language.
    expect(fake.files[0]!.bytes.equals((await charts.png(refs[0]!.id, 'fr'))!)).toBe(true);
    expect(fake.okCallsTo('files.getUploadURLExternal').every((c) => c.token === fake.token)).toBe(true);
  });

  it('does the same for a QBR, cutting alt text to what Slack accepts', async () => {
    const long = { ...refs[1]!, altText: 'x'.repeat(ALT_TEXT_MAX + 200) };
    const out = await gatewayWith(charts).send({ kind: 'channel', teamId: 'sales' }, qbr([refs[0]!, long]));
    if (out.status !== 'sent') throw new Error(out.status);
    expect(fake.files.map((f) => [f.threadTs, f.title, f.altText?.length, f.filename])).toEqual([
      [out.ref.id, refs[0]!.title, refs[0]!.altText.length, 'qbr-2026-Q4-1.png'],
      [out.ref.id, refs[1]!.title, ALT_TEXT_MAX, 'qbr-2026-Q4-2.png'],
    ]);
  });

  it('still reports the review sent when the upload fails, and logs ids only', async () => {
    fake.fail('files.completeUploadExternal', { error: 'not_in_channel' });
    const out = await gatewayWith(charts).send({ kind: 'channel', teamId: 'sales' }, review(refs));
    expect(out.status).toBe('sent');
    expect(fake.messagesIn('C_SALES')).toHaveLength(1);
    expect(fake.files).toEqual([]);
    const warn = log.entries.find((e) => e.msg === 'slack: review charts not uploaded');
    expect(warn?.obj).toEqual({
      view: 'monthly_review',
      channel: 'C_SALES',
      ts: expect.any(String),
      charts: 2,
      code: 'slack_webapi_platform_error',
      slackError: 'not_in_channel',
    });
    expect(JSON.stringify(log.entries)).not.toContain(fake.token);
    expect(JSON.stringify(log.entries)).not.toContain(refs[0]!.title);
  });

  it('still reports the review sent when the upload URL refuses the bytes', async () => {
    fake.fail('upload', { httpStatus: 500 });
    const out = await gatewayWith(charts).send({ kind: 'channel', teamId: 'sales' }, review(refs));
    expect(out.status).toBe('sent');
    expect(fake.callsTo('files.completeUploadExternal')).toEqual([]);
    expect(log.messages('warn')).toContain('slack: review charts not uploaded');
  });

  it('leaves out a chart that cannot be drawn and uploads the others', async () => {
    const source: SlackChartSource = {
      png: async (id, locale) => {
        if (id === refs[0]!.id) throw new Error('renderer crashed');
        return charts.png(id, locale);
      },
    };
    const ghost = { id: 'kind=burnup&team=ghost&period=2026-10', title: 'Fantôme', altText: 'rien' };
    const out = await gatewayWith(source).send({ kind: 'channel', teamId: 'sales' }, review([...refs, ghost]));
    expect(out.status).toBe('sent');
    expect(fake.files.map((f) => f.title)).toEqual([refs[1]!.title]);
    expect(log.entries.filter((e) => e.level === 'warn').map((e) => [e.msg, e.obj.chart])).toEqual([
      ['slack: review chart not drawn; left out', 0],
      ['slack: review chart names no chart; left out', 2],
    ]);
  });

  it('uploads nothing without a chart source, for a review without charts, or when the post failed', async () => {
    expect((await gatewayWith().send({ kind: 'channel', teamId: 'sales' }, review(refs))).status).toBe('sent');
    expect((await gatewayWith(charts).send({ kind: 'channel', teamId: 'sales' }, review([]))).status).toBe('sent');
    fake.fail('chat.postMessage', { error: 'not_in_channel' });
    expect((await gatewayWith(charts).send({ kind: 'channel', teamId: 'sales' }, review(refs))).status).toBe(
      'failed_permanent',
    );
    expect(fake.callsTo('files.getUploadURLExternal')).toEqual([]);
    expect(fake.files).toEqual([]);
    // The text of the review still names its charts.
    expect(JSON.stringify(fake.messagesIn('C_SALES')[0]!.blocks)).toContain(refs[1]!.title);
  });
});
