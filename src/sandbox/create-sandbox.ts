// The local sandbox, assembled: its chat threads and ChatGateway, the page and its API on the one HTTP
// server, time travel over the rituals, seeded history on first start, and the reset button. The
// composition root gives it the core (service + engine), a way to deliver the outbox now, the sandbox
// clock it also gave the core, and the sandbox's own store.
import type { Locale, RitualId, Workspace } from '../core/domain/model.js';
import type { ChatGateway, CoreLogger, EngineStateRepo } from '../core/ports/index.js';
import type { RitualsService } from '../core/service.js';
import type { HttpServer } from '../http/server.js';
import { SandboxApi } from './api.js';
import type { SandboxClock } from './clock.js';
import { type ColleagueAnswer, SimulatedColleagues } from './colleagues.js';
import { type CrmImportDeps, NightlyCrmImport } from './crm-import.js';
import type { NextFire } from './due-points.js';
import { createSandboxGateway, type Delivery } from './gateway.js';
import { Interactions } from './interactions.js';
import { sandboxFiles } from './json-file.js';
import { viewerContext } from './page-state.js';
import { assertSandboxStore, type ResettableStore } from './reset.js';
import { registerSandboxRoutes } from './routes.js';
import { replayStart, SEEDED_MARKER, type SeedOptions, seedHistory } from './seed-history.js';
import { ADMIN_THREAD, ThreadStore } from './threads.js';
import { TimeTravel } from './time-travel.js';

const viewType = (view: unknown): string => String((view as { type?: unknown } | null)?.type ?? '');

export interface SandboxStore extends ResettableStore {
  readonly engineState: Pick<EngineStateRepo, 'get' | 'set'>;
}

export interface SandboxDeps {
  readonly service: RitualsService;
  /** The core's engine: `tick` runs what is due; `nextDue`, when given, adds its scheduled follow-ups to the walk. */
  readonly engine: {
    tick(now: Date): Promise<unknown>;
    nextDue?(after: Date): Promise<Date | null>;
    runNow?(teamId: string, ritual: RitualId, now: Date): Promise<unknown>;
  };
  /** Delivers the outbox now (the outbox sender's drainOnce). */
  readonly drain: () => Promise<unknown>;
  readonly clock: SandboxClock;
  readonly workspace: () => Workspace;
  readonly store: SandboxStore;
  /** The sandbox's database URL; reset refuses a store opened on anything else. */
  readonly databaseUrl: string;
  /** URLs reset must never touch (DATABASE_URL). */
  readonly protectedDatabaseUrls?: readonly string[];
  /** Brings a freshly emptied database back in line with the config (the workspace sync). */
  readonly resync: () => Promise<unknown>;
  /** Where the page is served; none for headless runs (`simulate`). */
  readonly http?: HttpServer;
  readonly log: CoreLogger;
  readonly nextFire: NextFire;
  /** Past weeks of check-ins seeded on first start (default: since the quarter's start, at least 4 weeks,
   * the last one replayed live; seed 1); false: none. */
  readonly seed?: SeedOptions | false;
  /** Colleagues answer their own check-in prompts (default on, seed 1); false: nobody but the page's member. */
  readonly colleagues?: { readonly seed: number; readonly onAnswer?: (a: ColleagueAnswer) => void } | false;
  /** A nightly CRM import through the CSV import path (and a backfill of the quarter on first start); none when absent. */
  readonly crm?: { readonly importCsv: CrmImportDeps['importCsv']; readonly seed?: number };
  /** Ticks the engine at sandbox time this often while running (default 15 s); 0: only on clicks. */
  readonly autoTickMs?: number;
  /** Draws a review's chart (a ChartRef id) as a PNG for the page; none: charts show as their alt text. */
  readonly chartPng?: (id: string, locale: Locale) => Promise<Buffer | undefined>;
  readonly onDelivery?: (delivery: Delivery) => void;
}

export interface Sandbox {
  readonly gateway: ChatGateway;
  readonly colleagues: SimulatedColleagues | undefined;
  readonly crm: NightlyCrmImport | undefined;
  readonly threads: ThreadStore;
  readonly timeTravel: TimeTravel;
  /** Seeds history (first start only), runs what is due now, starts the periodic tick. */
  start(): Promise<void>;
  stop(): Promise<void>;
  reset(): Promise<void>;
}

/** Throws SandboxResetError unless `deps.store` is the sandbox's own database: seeded history,
 * simulated colleagues and the reset button must never touch a deployment's data. */
export function createSandbox(deps: SandboxDeps): Sandbox {
  assertSandboxStore(deps.store, deps.databaseUrl, deps.protectedDatabaseUrls ?? []);
  const files = sandboxFiles(deps.databaseUrl);
  const threads = new ThreadStore(files.chat);
  const colleagues =
    deps.colleagues === false
      ? undefined
      : new SimulatedColleagues({
          service: deps.service,
          workspace: deps.workspace,
          seed: deps.colleagues?.seed ?? 1,
          onAnswer: (a) => {
            timeTravel.observeAnswer();
            if (deps.colleagues) deps.colleagues.onAnswer?.(a);
          },
        });
  const gateway = createSandboxGateway({
    threads,
    clock: deps.clock,
    workspace: deps.workspace,
    onDelivery: (d) => {
      colleagues?.observe(d);
      if (d.kind === 'send') timeTravel.observe({ thread: d.message.thread, type: viewType(d.view) });
      deps.onDelivery?.(d);
    },
  });
  const crm = deps.crm
    ? new NightlyCrmImport({
        workspace: deps.workspace,
        state: deps.store.engineState,
        nextFire: deps.nextFire,
        seed: deps.crm.seed ?? 1,
        importCsv: deps.crm.importCsv,
        post: (note, at) => {
          const message = threads.post(ADMIN_THREAD, at.toISOString(), { view: note });
          timeTravel.observe({ thread: ADMIN_THREAD, type: note.type });
          deps.onDelivery?.({ kind: 'send', message, view: note });
        },
        onError: (teamId, err) =>
          deps.log.warn(
            { team: teamId, err: err instanceof Error ? err.message : String(err) },
            'sandbox CRM import refused',
          ),
      })
    : undefined;
  const timeTravel = new TimeTravel({
    clock: deps.clock,
    workspace: deps.workspace,
    nextFire: deps.nextFire,
    runner: {
      tick: (now) => deps.engine.tick(now),
      drain: deps.drain,
      ...(deps.engine.nextDue ? { nextDue: (after: Date) => deps.engine.nextDue!(after) } : {}),
    },
    agents: [...(colleagues ? [colleagues] : []), ...(crm ? [crm] : [])],
  });
  const interactions = new Interactions({
    service: deps.service,
    threads,
    clock: deps.clock,
    visibleThreads: (memberId) => viewerContext(deps.workspace(), memberId)?.threads.map((t) => t.id) ?? [],
    settle: () => timeTravel.exclusive(deps.drain),
  });
  let timer: NodeJS.Timeout | undefined;

  const seedOnce = async (): Promise<void> => {
    const opts =
      deps.seed === false
        ? undefined
        : (deps.seed ?? { weeks: 4, seed: 1, fromQuarterStart: true, replayLastWeek: true });
    const now = deps.clock.now();
    const fresh = opts !== undefined && (await deps.store.engineState.get(SEEDED_MARKER)) === undefined;
    // The last week is run live (so the chat holds it at first open); the weeks before are seeded.
    const replayFrom = fresh && opts.replayLastWeek ? replayStart(deps.workspace(), now, deps.nextFire) : undefined;
    // Results first: answers seeded in the past are then scanned against the figures of their day.
    await crm?.backfill(replayFrom ?? now);
    if (!opts) return;
    const ws = deps.workspace();
    await seedHistory(
      {
        service: deps.service,
        clock: deps.clock,
        workspace: ws,
        marker: deps.store.engineState,
        nextFire: deps.nextFire,
        log: deps.log,
        deliver: deps.drain,
      },
      opts,
      replayFrom,
    );
    if (!replayFrom) return;
    deps.clock.rewind(replayFrom);
    const replayed = await timeTravel.catchUp(now);
    // Back on real time (the replay took a moment of it).
    deps.clock.reset();
    deps.log.info(
      { from: replayFrom.toISOString(), messages: replayed.delivered.length },
      'sandbox last week replayed',
    );
  };

  const reset = async (): Promise<void> => {
    assertSandboxStore(deps.store, deps.databaseUrl, deps.protectedDatabaseUrls ?? []);
    await timeTravel.exclusive(async () => {
      const tables = await deps.store.reset();
      threads.clear();
      colleagues?.clear();
      deps.clock.reset();
      await deps.resync();
      deps.log.info({ tables }, 'sandbox reset');
      await seedOnce();
    });
    await timeTravel.tickNow();
  };

  const runNow = (teamId: string, ritual: RitualId): Promise<void> =>
    timeTravel.exclusive(async () => {
      await deps.engine.runNow?.(teamId, ritual, deps.clock.now());
      await deps.drain();
    });
  const api = new SandboxApi({
    workspace: deps.workspace,
    threads,
    clock: deps.clock,
    interactions,
    timeTravel,
    reset,
    runNow,
    chartPng: deps.chartPng,
  });
  if (deps.http) registerSandboxRoutes(deps.http, api);

  return {
    gateway,
    colleagues,
    crm,
    threads,
    timeTravel,
    reset,
    async start() {
      // A chat file without a seeded database belongs to a database deleted by hand: start afresh.
      if (
        deps.seed !== false &&
        (await deps.store.engineState.get(SEEDED_MARKER)) === undefined &&
        threads.all().length > 0
      ) {
        threads.clear();
        deps.clock.reset();
      }
      await timeTravel.exclusive(seedOnce);
      await timeTravel.tickNow();
      const every = deps.autoTickMs ?? 15_000;
      if (every > 0) {
        timer = setInterval(() => {
          timeTravel
            .tickNow()
            .catch((err: unknown) =>
              deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'sandbox tick failed'),
            );
        }, every);
        timer.unref();
      }
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await timeTravel.idle();
      threads.flush();
    },
  };
}
