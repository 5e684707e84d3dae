// POST /api/v1/metrics: metric values pushed by a CRM, helpdesk or script (docs/ingest.md, docs/openapi.yaml).
// Bearer token (stored hashed, see api-tokens.repo.ts) -> JSON body within the size limits -> every item
// validated (ingest-validate.ts) -> one transaction. A bad item rejects the whole batch with per-item
// errors and writes nothing. Idempotent by source_id: a re-sent item changes nothing, a corrected one is
// updated and its previous value kept in history. Answers never carry a stack trace or a token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Workspace } from '../core/domain/model.js';
import type { CoreLogger } from '../core/ports/index.js';
import { createApiTokensRepo } from '../store/api-tokens.repo.js';
import type { Store } from '../store/connection.js';
import { DEFAULT_MAX_ITEMS, validateBatch } from './ingest-validate.js';
import type { Metrics } from './metrics.js';
import { HttpError, type HttpServer, readBody, sendJson } from './server.js';

export const INGEST_PATH = '/api/v1/metrics';
export const DEFAULT_MAX_BYTES = 1_000_000;

export interface IngestChange {
  readonly inserted: number;
  readonly updated: number;
  /** Teams whose values changed (for the breach scan). */
  readonly teamIds: readonly string[];
}

export interface IngestApiDeps {
  readonly store: Store;
  /** The current workspace (it may be reloaded while the app runs). */
  readonly workspace: () => Workspace;
  readonly log: CoreLogger;
  /** Called after a batch that changed something; a failure here is logged, the answer stays 200. */
  readonly onChange?: (change: IngestChange) => void | Promise<void>;
  readonly metrics?: Pick<Metrics, 'ingestRequest'>;
  readonly maxBytes?: number;
  readonly maxItems?: number;
  readonly now?: () => Date;
}

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

function isJson(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

export function registerIngestApi(http: HttpServer, deps: IngestApiDeps): void {
  const tokens = createApiTokensRepo(deps.store);
  const maxBytes = deps.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxItems = deps.maxItems ?? DEFAULT_MAX_ITEMS;
  const now = deps.now ?? (() => new Date());

  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    deps.metrics?.ingestRequest(status);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    sendJson(res, status, body);
  };

  http.add({
    method: 'POST',
    path: INGEST_PATH,
    handler: async (req, res) => {
      const at = now().toISOString();
      const secret = bearer(req);
      const token = secret === undefined ? undefined : await tokens.verify(secret, { at });
      if (!token) {
        // Missing, unknown and revoked tokens get the same answer: nothing to learn by probing.
        return answer(
          res,
          401,
          { error: 'unauthorized: send a valid API token as "Authorization: Bearer <token>"' },
          { 'www-authenticate': 'Bearer realm="rituals"' },
        );
      }
      if (!isJson(req)) return answer(res, 415, { error: 'the body must be JSON (Content-Type: application/json)' });
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes)
        return answer(res, 413, { error: `request body too large (at most ${maxBytes} bytes)` });
      let raw: Buffer;
      try {
        raw = await readBody(req, maxBytes);
      } catch (err) {
        if (err instanceof HttpError && err.status === 413)
          return answer(res, 413, { error: `request body too large (at most ${maxBytes} bytes)` });
        throw err;
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return answer(res, 400, { error: 'the body is not valid JSON', errors: [] });
      }

      const result = validateBatch(body, deps.workspace(), maxItems);
      if (!result.ok) {
        deps.log.info({ tokenName: token.name, problems: result.errors.length }, 'ingest batch rejected');
        const n = result.errors.length;
        return answer(res, result.tooMany ? 413 : 400, {
          error: `invalid batch: ${n} problem${n === 1 ? '' : 's'}, nothing was written`,
          errors: result.errors,
        });
      }
      const summary = await deps.store.metricValues.upsertMany(result.values, { at });
      const changed = summary.inserted + summary.updated;
      if (changed > 0) {
        await deps.store.audit.record({
          at,
          actor: `api:${token.name}`,
          action: 'metrics.ingest',
          entity: 'ingest',
          entityId: token.name,
          after: summary,
        });
      }
      deps.log.info({ tokenName: token.name, items: result.values.length, ...summary }, 'ingest batch stored');
      answer(res, 200, summary);
      if (changed > 0 && deps.onChange) {
        const teamIds = [
          ...new Set(result.values.map((v) => v.teamId).filter((t): t is string => typeof t === 'string')),
        ].sort();
        try {
          await deps.onChange({ inserted: summary.inserted, updated: summary.updated, teamIds });
        } catch (err) {
          deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'ingest onChange hook failed');
        }
      }
    },
  });
}
