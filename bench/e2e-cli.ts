// Flags of the end-to-end benchmarks (`ack`, `reviews`, `fanout-e2e`; `--db postgres://…` for the first two): parsed here, run, then one JSON line on
// stdout and a readable table on stderr, like the other benchmarks.
import { parseArgs } from 'node:util';
import type { AckWork } from './ack.js';
import type { FanoutSource } from './fanout-source.js';
import { printTable } from './print.js';

function positive(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag} must be a positive number, got ${value}`);
  return n;
}

function source(value: string | undefined, flag: string): FanoutSource {
  if (value === undefined || value === 'core') return 'core';
  if (value === 'outbox') return 'outbox';
  throw new Error(`--${flag} must be core or outbox, got ${value}`);
}

function work(value: string | undefined): AckWork {
  if (value === undefined || value === 'core' || value === 'outbox' || value === 'none') return value ?? 'core';
  throw new Error(`--fanout must be core, outbox or none, got ${value}`);
}

export async function runE2eBench(name: 'ack' | 'reviews' | 'fanout-e2e', argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      members: { type: 'string' },
      teams: { type: 'string' },
      rate: { type: 'string' },
      'teams-rate': { type: 'string' },
      seconds: { type: 'string' },
      fanout: { type: 'string' },
      source: { type: 'string' },
      platform: { type: 'string' },
      burst: { type: 'string' },
      db: { type: 'string' },
    },
    strict: true,
  });
  const members = positive(values.members, 5000, 'members');
  const teams = positive(values.teams, 50, 'teams');
  if (name === 'ack') {
    const { runAck } = await import('./ack.js');
    const { result, details } = await runAck({
      members,
      teams,
      rate: positive(values.rate, 200, 'rate'),
      teamsRate: positive(values['teams-rate'], 50, 'teams-rate'),
      seconds: positive(values.seconds, 20, 'seconds'),
      fanout: work(values.fanout),
      ...(values.db ? { db: values.db } : {}),
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    printTable('ack', { ...result, ...details });
    return;
  }
  if (name === 'reviews') {
    // Teams of 50 on Slack, each with its monthly review and charts built at start; the ack load on top.
    const reviewTeams = positive(values.teams, 10, 'teams');
    const { runAck } = await import('./ack.js');
    const { result, details } = await runAck({
      members: reviewTeams * 50,
      teams: reviewTeams,
      rate: positive(values.rate, 100, 'rate'),
      teamsRate: positive(values['teams-rate'], 25, 'teams-rate'),
      seconds: positive(values.seconds, 20, 'seconds'),
      fanout: 'none',
      reviews: true,
      ...(values.db ? { db: values.db } : {}),
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    printTable('reviews', { ...result, ...details });
    return;
  }
  const platform = values.platform ?? 'both';
  if (!['both', 'slack', 'teams'].includes(platform))
    throw new Error(`--platform must be both, slack or teams, got ${platform}`);
  const { runFanoutE2e } = await import('./fanout-e2e.js');
  const { result, details } = await runFanoutE2e({
    members,
    teams,
    rate: positive(values.rate, 50, 'rate'),
    ...(values.burst !== undefined ? { burst: positive(values.burst, 1, 'burst') } : {}),
    teamsRate: positive(values['teams-rate'], 50, 'teams-rate'),
    platforms: platform === 'both' ? ['slack', 'teams'] : [platform as 'slack' | 'teams'],
    source: source(values.source, 'source'),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  printTable('fanout-e2e', { ...result, ...details });
}
