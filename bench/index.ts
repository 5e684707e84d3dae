// Benchmarks: `npm run bench -- NAME [flags]`. fanout: outbox delivery through a rate-limited fake chat
// API; tick: time to compute one tick's due occurrences. Each prints one JSON line, then a table.
import { parseArgs } from 'node:util';
import { runFanout } from './fanout.js';
import { printTable } from './print.js';

const USAGE = `usage:
  npm run bench -- fanout [--members 5000] [--rate 200] [--concurrency 8] [--db postgres://… [--replicas 2] [--kill-one]]
  npm run bench -- tick [--members 5000] [--teams 50] [--runs 3]
  npm run bench -- scale [--members N] [--db postgres://…]
  npm run bench -- startup [--members 1000]
  npm run bench -- ack [--members 5000] [--rate 200] [--teams-rate 50] [--seconds 20] [--fanout core|outbox|none] [--db postgres://…]
  npm run bench -- reviews [--teams 10] [--rate 100] [--teams-rate 25] [--seconds 20] [--db postgres://…]
  npm run bench -- fanout-e2e [--members 5000] [--rate 50] [--burst 50] [--teams-rate 50] [--platform both|slack|teams] [--source core|outbox]`;

function int(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag} must be a positive number, got ${value}`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === 'scale' || name === 'startup') return (await import('./scale.js')).runScaleBench(name, rest);
  if (name === 'ack' || name === 'reviews' || name === 'fanout-e2e')
    return (await import('./e2e-cli.js')).runE2eBench(name, rest);
  const { values } = parseArgs({
    args: rest,
    options: {
      members: { type: 'string' },
      rate: { type: 'string' },
      concurrency: { type: 'string' },
      teams: { type: 'string' },
      runs: { type: 'string' },
      db: { type: 'string' },
      replicas: { type: 'string' },
      'kill-one': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (name === 'fanout' && (values.db || values.replicas || values['kill-one'])) {
    if (!values.db) throw new Error('--replicas and --kill-one need --db postgres://… (replicas share one database)');
    const replicas = int(values.replicas, 1, 'replicas');
    if (values['kill-one'] && replicas < 2) throw new Error('--kill-one needs --replicas 2 or more');
    const { runReplicaFanout } = await import('./fanout-replicas.js');
    const { result, details } = await runReplicaFanout({
      members: int(values.members, 5000, 'members'),
      rate: int(values.rate, 200, 'rate'),
      concurrency: int(values.concurrency, 8, 'concurrency'),
      db: values.db,
      replicas,
      killOne: values['kill-one'] ?? false,
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    printTable('fanout', { ...result, ...details });
    return;
  }
  if (name === 'fanout') {
    const { result, details } = await runFanout({
      members: int(values.members, 5000, 'members'),
      rate: int(values.rate, 200, 'rate'),
      concurrency: int(values.concurrency, 8, 'concurrency'),
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    printTable('fanout', { ...result, ...details });
    return;
  }
  if (name === 'tick') {
    const { runTickBench } = await import('./tick.js');
    const { result, details } = await runTickBench({
      members: int(values.members, 5000, 'members'),
      teams: int(values.teams, 50, 'teams'),
      runs: int(values.runs, 3, 'runs'),
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    printTable('tick', { ...result, ...details });
    return;
  }
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}

main(process.argv.slice(2)).then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
