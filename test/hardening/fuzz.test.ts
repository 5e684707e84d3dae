// 10,000 malformed, oversized and hostile requests (seeded, fuzz-cases.ts) against the bot as deployed:
// a child process with Slack (HTTP mode, fake Web API), Teams (local development, fake connector) and
// the ingest API. The process must never crash (same pid, /healthz 200 afterwards); no answer may be a
// 5xx other than Teams' clean localized error; the app must accept exactly the valid requests (rows of
// check_ins, metric_values, decisions and target history grow by exactly what they carry) and refuse
// every hostile one; no stored row may hold NaN, Infinity, an absurd figure or over-long text; nothing
// the users see may look like a stack trace; a CSV export must not carry live spreadsheet formulas.

import { request } from 'node:http';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/config/workspace-load.js';
import { addDays } from '../../src/core/domain/calendar-days.js';
import { weekOf } from '../../src/core/rituals/engine/checkin-window.js';
import { mulberry32 } from '../../src/sandbox/prng.js';
import { createApiTokensRepo } from '../../src/store/api-tokens.repo.js';
import { openStore } from '../../src/store/connection.js';
import { collectExport, EXPORT_KINDS, toCsv } from '../../src/store/export.js';
import { type AppProcess, startAppProcess } from '../helpers/app-process.js';
import { repoRoot } from '../helpers/cli.js';
import { FakeBotConnector } from '../helpers/fake-bot-connector.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { type TempDir, tempDir } from '../helpers/store.js';
import { type FuzzCase, type FuzzWorld, generateCases } from './fuzz-cases.js';

const CASES = 10_000;
const IN_FLIGHT = 8;
const SECRET = 'fuzz-signing-secret-0123456789abcdef';
const CONFIG = `${repoRoot}/test/hardening/fixtures/workspace.yaml`;

let tmp: TempDir;
let slack: FakeSlackApi;
let connector: FakeBotConnector;
let app: AppProcess;
let base: string;
let world: FuzzWorld;
let db: string;

interface Answer {
  readonly c: FuzzCase;
  readonly status: number;
  readonly text: string;
}

const counts = (sqlite: Database.Database) => {
  const n = (q: string) => (sqlite.prepare(q).get() as { n: number }).n;
  return {
    checkIns: n('select count(*) as n from check_ins'),
    checkinValues: n(`select count(*) as n from metric_values where source = 'checkin'`),
    apiValues: n(`select count(*) as n from metric_values where source = 'api'`),
    decisions: n('select count(*) as n from decisions'),
    targets: n('select count(*) as n from objective_target_history'),
  };
};

beforeAll(async () => {
  tmp = tempDir('rituals-fuzz-');
  db = tmp.file('bot.db');
  const store = await openStore(db);
  const { token } = await createApiTokensRepo(store).create('fuzz', { by: 'test', at: new Date().toISOString() });
  await store.close();

  slack = await new FakeSlackApi().start();
  for (const id of ['U0MAYA', 'U0SAM', 'U0NORA', 'U0THEO']) slack.addUser({ id, locale: 'en-GB', tz: 'Europe/Paris' });
  slack.addUser({ id: 'U0LEA', locale: 'fr-FR', tz: 'Europe/Paris' });
  slack.addChannel('C0SALES').addChannel('C0SUPPORT');
  connector = await new FakeBotConnector().start();

  const ws = (await loadWorkspace(CONFIG)).workspace;
  const week = weekOf(ws, new Date(), 'Europe/Paris');
  world = {
    secret: SECRET,
    ingestToken: token,
    connectorUrl: connector.url,
    responseUrl: (id) => slack.responseUrl(id),
    period: week.key,
    closedPeriod: weekOf(ws, new Date(Date.parse(`${addDays(week.start, -28)}T12:00:00Z`)), 'Europe/Paris').key,
    futurePeriod: weekOf(ws, new Date(Date.parse(`${addDays(week.start, 28)}T12:00:00Z`)), 'Europe/Paris').key,
  };
  app = await startAppProcess({
    DATABASE_URL: `file:${db}`,
    RITUALS_CONFIG: CONFIG,
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.url,
    TEAMS_ENABLED: 'true',
    LOG_LEVEL: 'info',
  });
  base = `http://127.0.0.1:${app.port}`;
}, 60_000);

afterAll(async () => {
  await app?.stop('SIGTERM');
  await slack?.close();
  await connector?.stop();
  tmp?.remove();
});

/**
 * An oversized body goes on a connection of its own: the server answers 413 before reading it all and
 * then drops the connection, and a keep-alive client would otherwise send the next request into it.
 */
function sendAlone(c: FuzzCase): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(`${base}${c.path}`, { method: 'POST', headers: c.headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ c, status: res.statusCode ?? 0, text: text.slice(0, 4000) }));
    });
    // The server may close the connection before the whole body is sent: its 413 is what counts.
    req.on('error', () => resolve({ c, status: 413, text: '' }));
    req.end(c.body);
  });
}

async function send(c: FuzzCase): Promise<Answer> {
  if (c.body.length > 400_000) return sendAlone(c);
  try {
    const res = await fetch(`${base}${c.path}`, { method: 'POST', headers: c.headers, body: c.body });
    const text = await res.text();
    return { c, status: res.status, text: text.slice(0, 4000) };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { c, status: 0, text: `${String(err)} ${cause?.code ?? ''} ${cause?.message ?? ''}` };
  }
}

const STACK_LIKE =
  /\bat \S+ \(.*:\d+:\d+\)|\b(TypeError|ReferenceError|SyntaxError|RangeError|SqliteError)\b|\[object Object\]|node_modules/;

describe('10,000 hostile requests', () => {
  it('never crash the bot, write exactly the valid ones, and answer the rest cleanly', async () => {
    const pid = app.child.pid;
    const sqlite = new Database(db, { readonly: true });
    const before = counts(sqlite);
    const cases = generateCases(world, mulberry32(0xf022), CASES);
    const answers: Answer[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < cases.length) answers.push(await send(cases[next++]!));
      }),
    );
    // Work done after the acks (replies, views, breach nudges) settles.
    await new Promise((r) => setTimeout(r, 1500));

    // Alive, the same process, and healthy.
    expect(app.child.exitCode).toBeNull();
    expect(app.child.pid).toBe(pid);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);

    // No 5xx but Teams' clean, localized error card.
    const serverErrors = answers.filter((a) => a.status >= 500 || a.status === 0);
    const unclean = serverErrors.filter(
      (a) => !(a.c.target === 'teams' && /application\/vnd\.microsoft\.error/.test(a.text) && !STACK_LIKE.test(a.text)),
    );
    expect(unclean.map((a) => `${a.c.what}#${a.c.n}: ${a.status} ${a.text.slice(0, 200)}`)).toEqual([]);
    for (const a of answers)
      expect(STACK_LIKE.test(a.text), `${a.c.what}#${a.c.n} answered ${a.text.slice(0, 300)}`).toBe(false);

    // The ingest API accepts exactly the valid batches, whole, and refuses the others with a 4xx.
    for (const a of answers.filter((x) => x.c.target === 'ingest')) {
      if (a.c.valid)
        expect({
          what: a.c.what,
          n: a.c.n,
          status: a.status,
          body: a.status === 200 ? JSON.parse(a.text).inserted : a.text,
        }).toEqual({ what: a.c.what, n: a.c.n, status: 200, body: a.c.items });
      else expect([400, 401, 413, 415], `${a.c.what}#${a.c.n}: ${a.text.slice(0, 300)}`).toContain(a.status);
    }
    // A Slack check-in is acknowledged empty when stored, and answered with the form's errors when not.
    for (const a of answers.filter((x) => x.c.what === 'slack.checkin')) {
      if (a.c.valid) expect({ n: a.c.n, status: a.status, text: a.text }).toEqual({ n: a.c.n, status: 200, text: '' });
      else
        expect(
          a.status >= 400 || a.text.includes('"response_action"'),
          `slack.checkin#${a.c.n} was not refused: ${a.status} ${a.text}`,
        ).toBe(true);
    }

    // Exactly the valid requests were written.
    const after = counts(sqlite);
    const valid = (w: FuzzCase['writes']) => cases.filter((c) => c.writes === w && c.valid);
    const checkinMembers = new Set(valid('checkin').map((c) => c.member));
    const expected = {
      checkIns: before.checkIns + valid('checkin').length,
      checkinValues: before.checkinValues + 2 * checkinMembers.size,
      apiValues: before.apiValues + valid('ingest').reduce((n, c) => n + (c.items ?? 0), 0),
      decisions: before.decisions + valid('decision').length,
      // Target forms each change once; a proposal accepted many times changes once.
      targets:
        before.targets +
        valid('target').filter((c) => c.what === 'slack.target').length +
        (valid('target').some((c) => c.what === 'slack.action') ? 1 : 0),
    };
    expect(after).toEqual(expected);
    expect(valid('checkin').length).toBeGreaterThan(1000);
    expect(valid('ingest').length).toBeGreaterThan(300);

    // Nothing stored is NaN, infinite, absurd or over-long.
    const bad = (q: string) => sqlite.prepare(q).all();
    expect(
      bad(`select id, value from metric_values where value is null or value != value or abs(value) > 1e12`),
    ).toEqual([]);
    expect(bad(`select id from check_ins where length(wins) > 2000 or length(blockers) > 2000`)).toEqual([]);
    for (const row of sqlite.prepare('select id, "values" as v from check_ins').all() as { id: number; v: string }[]) {
      for (const x of Object.values(JSON.parse(row.v) as Record<string, unknown>))
        expect(typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 1e9, `check-in ${row.id}: ${row.v}`).toBe(
          true,
        );
    }
    expect(
      bad(
        `select id from decisions where length(text) > 2000 or trim(text) = '' or kind not in ('decision', 'hypothesis', 'test', 'result')`,
      ),
    ).toEqual([]);
    const target = `json_extract(new_target, '$.value')`;
    expect(
      bad(`select id, new_target, effective_from from objective_target_history where changed_by != 'config' and (${target} is null or abs(${target}) > 1e9 or ${target} <= 0
        or (effective_from is not null and (effective_from not glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' or date(effective_from) is not effective_from)))`),
    ).toEqual([]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    sqlite.close();

    // What users saw: no stack traces, no internals.
    const shown = [
      ...slack.responses.map((r) => JSON.stringify(r.body)),
      ...slack.messages.map((m) => JSON.stringify(m.blocks) + m.text),
      ...slack.modals.map((m) => JSON.stringify(m)),
      ...connector.calls.map((c) => JSON.stringify(c.body ?? '')),
    ];
    expect(shown.filter((s) => STACK_LIKE.test(s)).map((s) => s.slice(0, 300))).toEqual([]);

    // The bot logged no crash, no failed HTTP handler, no failed interaction.
    const logs = app.logs();
    const failed = logs
      .split('\n')
      .filter((l) =>
        /unhandled rejection|uncaught|http handler failed|slack interaction failed|slack listener failed|service call failed|teams: turn failed|slack request failed/.test(
          l,
        ),
      );
    // A platform refusing our answer (Slack has no such user, a Teams serviceUrl that does not answer) is
    // the platform's doing; every other failure is a bug.
    const refusedByPlatform = (l: string) => /"name":"(WebAPIPlatformError|RestError)"/.test(l);
    const failures = failed.filter((l) => !refusedByPlatform(l));
    process.stdout.write(
      `fuzz: ${answers.length} requests, statuses ${JSON.stringify(Object.fromEntries([...new Set(answers.map((a) => a.status))].map((s) => [s, answers.filter((a) => a.status === s).length])))}, ` +
        `valid ${JSON.stringify(Object.fromEntries(['checkin', 'decision', 'target', 'ingest'].map((w) => [w, cases.filter((c) => c.writes === w && c.valid).length])))}, ` +
        `answers the platforms refused ${failed.length - failures.length}\n`,
    );
    expect(failures.map((l) => l.slice(0, 400))).toEqual([]);
  }, 240_000);

  it('exports what it stored without live spreadsheet formulas', async () => {
    const store = await openStore(db);
    try {
      const tables = await collectExport(EXPORT_KINDS, { store, filter: {} });
      let cells = 0;
      for (const t of tables) {
        const rows = parse(toCsv(t), { columns: false, relax_column_count: true }) as string[][];
        for (const row of rows.slice(1)) {
          for (const cell of row) {
            cells++;
            // A cell starting with = + - @ (or a tab / carriage return) is run as a formula by spreadsheets,
            // unless it is a plain number.
            if (/^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell))
              throw new Error(`live formula in the ${t.kind} export: ${cell.slice(0, 80)}`);
          }
        }
      }
      expect(cells).toBeGreaterThan(10_000);
    } finally {
      await store.close();
    }
  });
});
