// GET /metrics in the Prometheus text format after some observations, on a registry of the app's own;
// GET /healthz with the store and the platform connections.
import { afterEach, describe, expect, it } from 'vitest';
import { type ConnectionState, registerHealth } from '../../../src/http/health.js';
import { createMetrics, registerMetricsRoute } from '../../../src/http/metrics.js';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';

let http: HttpServer | undefined;
afterEach(() => http?.close());

async function serve(setup: (h: HttpServer) => void): Promise<string> {
  http = new HttpServer(createLogger('silent'));
  setup(http);
  const { port } = await http.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}`;
}

describe('GET /metrics', () => {
  it('exposes the rituals, messages, completion and ack latency metrics', async () => {
    let backlog = 7;
    const metrics = createMetrics({ queued: () => backlog });
    metrics.ritualRun('checkin', 'sales-fr');
    metrics.ritualRun('checkin', 'sales-fr');
    metrics.ritualRun('monthly_review', 'sales-us');
    metrics.messageSent('slack');
    metrics.messageSent('teams');
    metrics.messageSent('slack');
    metrics.messageFailed('teams', 'transient');
    metrics.setCheckinCompletion('sales-fr', 0.75);
    metrics.observeAck('slack', 'command', 0.12);
    metrics.observeAck('slack', 'command', 2.5);
    const origin = await serve((h) => registerMetricsRoute(h, metrics));
    const res = await fetch(`${origin}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await res.text();
    for (const line of [
      '# TYPE rituals_runs_total counter',
      'rituals_runs_total{ritual="checkin",team="sales-fr"} 2',
      'rituals_runs_total{ritual="monthly_review",team="sales-us"} 1',
      'messages_sent_total{platform="slack"} 2',
      'messages_sent_total{platform="teams"} 1',
      'messages_failed_total{platform="teams",kind="transient"} 1',
      '# TYPE messages_queued gauge',
      'messages_queued 7',
      'checkin_completion_ratio{team="sales-fr"} 0.75',
      '# TYPE ack_latency_seconds histogram',
      'ack_latency_seconds_bucket{le="0.25",platform="slack",surface="command"} 1',
      'ack_latency_seconds_bucket{le="3",platform="slack",surface="command"} 2',
      'ack_latency_seconds_count{platform="slack",surface="command"} 2',
      'ack_latency_seconds_sum{platform="slack",surface="command"} 2.62',
    ]) {
      expect(body.split('\n')).toContain(line);
    }
    expect(body).toContain('rituals_process_resident_memory_bytes');
    backlog = 2;
    expect((await (await fetch(`${origin}/metrics`)).text()).split('\n')).toContain('messages_queued 2');
  });

  it('keeps each app its own registry', async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });
    a.messageSent('slack');
    expect((await a.render()).body).toContain('messages_sent_total{platform="slack"} 1');
    expect((await b.render()).body).not.toContain('messages_sent_total{platform="slack"}');
  });
});

describe('GET /healthz', () => {
  const check = async (platformStatus?: () => Record<string, ConnectionState>, storeOk = true) => {
    const origin = await serve((h) =>
      registerHealth(h, {
        mode: 'platform',
        platforms: ['slack', 'teams'],
        checkStore: () => storeOk,
        ...(platformStatus ? { platformStatus } : {}),
      }),
    );
    const res = await fetch(`${origin}/healthz`);
    const out = { status: res.status, body: (await res.json()) as { platforms: unknown } };
    await http!.close();
    http = undefined;
    return out;
  };

  it('lists the platforms by name when no connection check is given', async () => {
    expect(await check()).toEqual({
      status: 200,
      body: { status: 'ok', mode: 'platform', store: 'ok', platforms: ['slack', 'teams'] },
    });
  });

  it('reports each platform connection; one down degrades the status but keeps 200', async () => {
    expect(await check(() => ({ slack: 'ok', teams: 'ok' }))).toEqual({
      status: 200,
      body: { status: 'ok', mode: 'platform', store: 'ok', platforms: { slack: 'ok', teams: 'ok' } },
    });
    expect(await check(() => ({ slack: 'ok', teams: 'down' }))).toEqual({
      status: 200,
      body: { status: 'degraded', mode: 'platform', store: 'ok', platforms: { slack: 'ok', teams: 'down' } },
    });
    expect(
      (
        await check(() => {
          throw new Error('x');
        })
      ).body.platforms,
    ).toEqual({ slack: 'down', teams: 'down' });
  });

  it('answers 503 when the store is down', async () => {
    expect(await check(() => ({ slack: 'ok' }), false)).toEqual({
      status: 503,
      body: { status: 'degraded', mode: 'platform', store: 'down', platforms: { slack: 'ok' } },
    });
  });
});
