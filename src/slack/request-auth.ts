// The bot token of the workspace a request came from, for everything a listener does while handling
// it (the directory's users.info and conversations.open included): with a multi-workspace install,
// each request is authorized for its own workspace. Node's AsyncLocalStorage carries it down the calls.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestAuth {
  readonly token?: string;
  readonly teamId?: string;
}

const storage = new AsyncLocalStorage<RequestAuth>();

export function withRequestAuth<T>(auth: RequestAuth, fn: () => T): T {
  return storage.run(auth, fn);
}

export function requestAuth(): RequestAuth | undefined {
  return storage.getStore();
}
