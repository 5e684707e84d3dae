// `rituals simulate`: the sandbox run headless for N weeks on an in-memory store, with every rep
// simulated (answering prompts, reacting to leaderboards, acknowledging nudges), printing each message
// the bot sends as text. Deterministic: a frozen clock stepped from due instant to due instant, seeded
// randomness, one delivery at a time, so the same seed prints the same transcript.
import { buildCore } from '../compose/build-core.js';
import type { Workspace } from '../core/domain/model.js';
import { startOfDayInZone } from '../core/domain/zoned-time.js';
import type { CoreLogger } from '../core/ports/index.js';
import { nextFire } from '../scheduling/cron.js';
import { openStore } from '../store/connection.js';
import { importMetricsCsv } from '../store/import-csv.js';
import { syncWorkspace } from '../store/sync-workspace.js';
import { SandboxClock } from './clock.js';
import { createSandbox } from './create-sandbox.js';
import type { Delivery } from './gateway.js';
import { mulberry32 } from './prng.js';
import { viewText } from './render/text.js';
import { SimulatedFollowUps } from './simulated-follow-ups.js';
import type { ThreadId } from './threads.js';

export interface SimulateOptions {
  readonly workspace: Workspace;
  readonly weeks: number;
  readonly seed: number;
  /** Default: Monday 5 January 2026, 00:00 in the first team's time zone. */
  readonly from?: Date;
  readonly write: (line: string) => void;
}

export interface SimulateSummary {
  readonly messages: number;
  readonly checkIns: number;
  readonly until: string;
}

const silent: CoreLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

/** `2026-01-09 16:00 Europe/Paris`: the instant on the recipient's wall clock. */
export function wallTime(iso: string, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${zone}`;
}

export function threadZone(ws: Workspace, thread: ThreadId | string): { zone: string; label: string } {
  const [kind, id] = thread.split(':') as [string, string];
  if (kind === 'channel') return { zone: ws.teams.find((t) => t.id === id)?.timezone ?? 'UTC', label: `#${id}` };
  if (kind === 'admin') return { zone: ws.teams[0]?.timezone ?? 'UTC', label: 'admin' };
  const team = ws.teams.find((t) => t.members.some((m) => m.id === id));
  return { zone: team?.members.find((m) => m.id === id)?.timezone ?? team?.timezone ?? 'UTC', label: `DM ${id}` };
}

export async function simulate(opts: SimulateOptions): Promise<SimulateSummary> {
  const ws = opts.workspace;
  const from = opts.from ?? new Date(startOfDayInZone('2026-01-05', ws.teams[0]?.timezone ?? 'UTC'));
  const store = await openStore(':memory:');
  let messages = 0;
  try {
    await syncWorkspace(store, ws, { actor: 'config', at: from.toISOString() });
    const clock = new SandboxClock({ realNow: () => from });
    // One delivery at a time, with seeded jitter: the transcript's order is the seed's.
    const built = buildCore({
      store,
      workspace: () => ws,
      log: silent,
      clock,
      platformFor: () => 'sandbox',
      sender: { concurrency: 1, random: mulberry32(opts.seed).next },
    });
    const { core, sender } = built;
    const at = (iso: string, thread: string) => {
      const { zone, label } = threadZone(ws, thread);
      return { stamp: `[${wallTime(iso, zone)}]`, label };
    };
    const print = (d: Delivery) => {
      messages++;
      const { stamp, label } = at(
        d.kind === 'update' ? (d.message.editedAt ?? d.message.at) : d.message.at,
        d.message.thread,
      );
      const { title, lines } = viewText(d.view);
      opts.write(`${stamp} ${label}${d.kind === 'update' ? ' (updated)' : ''}: ${title}`);
      for (const line of lines) opts.write(line);
    };
    let followUps: SimulatedFollowUps | undefined;
    const sandbox = createSandbox({
      service: core.service,
      engine: core.engine,
      drain: () => sender.drainOnce(),
      clock,
      workspace: () => ws,
      store,
      databaseUrl: ':memory:',
      resync: () => syncWorkspace(store, ws, { actor: 'config', at: clock.now().toISOString() }),
      log: silent,
      nextFire,
      seed: false,
      crm: {
        seed: opts.seed,
        importCsv: (text, file, at) => importMetricsCsv(store, ws, { text, file, at, actor: 'crm-import' }),
      },
      autoTickMs: 0,
      colleagues: {
        seed: opts.seed,
        onAnswer: (a) => {
          const { stamp } = at(a.at.toISOString(), `dm:${a.memberId}`);
          const numbers = Object.entries(a.answer.numbers)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ');
          opts.write(
            `${stamp} ${a.memberId} > check-in ${a.periodKey}: ${numbers}${a.answer.wins ? ' +wins' : ''}${a.answer.blockers ? ' +blockers' : ''}`,
          );
        },
      },
      onDelivery: (d) => {
        print(d);
        followUps?.observe(d);
      },
    });
    followUps = new SimulatedFollowUps({
      service: core.service,
      gateway: sandbox.gateway,
      threads: sandbox.threads,
      workspace: () => ws,
      seed: opts.seed,
      write: (iso, thread, text) => opts.write(`${at(iso, thread).stamp} ${text}`),
    });
    sandbox.timeTravel.addAgent(followUps);
    built.connect(sandbox.gateway);
    await sandbox.start();
    for (let w = 0; w < opts.weeks; w++) await sandbox.timeTravel.advance({ to: 'week' });
    await sandbox.stop();
    const checkIns = (await store.checkIns.list({})).length;
    return { messages, checkIns, until: clock.now().toISOString() };
  } finally {
    await store.close();
  }
}
