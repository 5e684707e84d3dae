// Starts bench/fake-platforms.ts as a child process and talks to it over IPC: the fakes' URLs, delivery
// counts while a fan-out runs, and the final tally (lost, duplicates, 429s).
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakePlatformsConfig, PlatformReport, PollAnswer, ToChild } from './fake-platforms.js';

const CHILD = fileURLToPath(new URL('./fake-platforms.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface FakePlatforms {
  readonly slackUrl: string;
  readonly connectorUrl: string;
  poll(): Promise<PollAnswer>;
  /** Clears the connector's log (installs) and turns the Teams limits on or off. */
  teamsLimits(on: boolean): Promise<void>;
  report(): Promise<{ slack: PlatformReport; teams: PlatformReport }>;
  stop(): Promise<void>;
}

/** Absolute high-resolution milliseconds, comparable with the child's. */
export const absNow = () => performance.timeOrigin + performance.now();

export async function startFakePlatforms(config: FakePlatformsConfig): Promise<FakePlatforms> {
  const child: ChildProcess = fork(CHILD, [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: ROOT,
  });
  type Waiter = { resolve: (m: any) => void; reject: (err: Error) => void };
  const waiters = new Map<string, Waiter[]>();
  child.on('message', (m: { type: string }) => waiters.get(m.type)?.shift()?.resolve(m));
  child.once('exit', (code) => {
    for (const list of waiters.values())
      for (const w of list.splice(0)) w.reject(new Error(`fake platforms exited with ${code}`));
  });
  const next = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const list = waiters.get(type) ?? [];
      list.push({ resolve, reject });
      waiters.set(type, list);
    });
  const ask = <T>(msg: ToChild, type: string): Promise<T> => {
    const answer = next<T>(type);
    child.send(msg);
    return answer;
  };
  const ready = await next<{ slackUrl: string; connectorUrl: string }>('ready');
  return {
    slackUrl: ready.slackUrl,
    connectorUrl: ready.connectorUrl,
    poll: () => ask<PollAnswer>({ type: 'poll' }, 'poll'),
    teamsLimits: async (on) => void (await ask({ type: 'teams-limits', on }, 'teams-limits')),
    report: () => ask({ type: 'report' }, 'report'),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' } satisfies ToChild);
      }),
  };
}
