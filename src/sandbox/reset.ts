// The reset button's safety check: the store about to be emptied (`store.reset()`, which keeps the
// schema and its migration history) must really be the sandbox's own database and never the one
// DATABASE_URL points at.
import { databasePath, type Store } from '../store/connection.js';

export type ResettableStore = Pick<Store, 'url' | 'path' | 'reset'>;

export class SandboxResetError extends Error {
  override readonly name = 'SandboxResetError';
}

const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a === b;

/** Throws unless `store` was opened on `sandboxUrl` and on none of `protectedUrls`. */
export function assertSandboxStore(store: ResettableStore, sandboxUrl: string, protectedUrls: readonly string[]): void {
  const sandboxPath = databasePath(sandboxUrl);
  if (store.url !== sandboxUrl && !same(store.path, sandboxPath))
    throw new SandboxResetError('refusing to reset: the store is not the sandbox database');
  for (const url of protectedUrls) {
    let path: string | undefined;
    try {
      path = databasePath(url);
    } catch {
      continue;
    }
    if (same(store.path, path) || (store.path === undefined && url === store.url)) {
      throw new SandboxResetError('refusing to reset: the sandbox database is also the deployment database');
    }
  }
}
