// The rows the ritual and platform repository tests refer to: teams `sales` and `support`, members
// `alice`, `bob`, `carol`, `dave`, the team objective `team:sales:pipeline`, from the workspace sync of the
// fixture, on either backend.
import type { Store } from '../../src/store/connection.js';
import { fixtureWorkspace } from './workspace-fixture.js';

export async function seedRitualRows(store: Store, at = '2026-03-01T00:00:00.000Z'): Promise<void> {
  await store.workspace.sync(fixtureWorkspace(), { actor: 'test', at });
}
