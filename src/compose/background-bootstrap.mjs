// Starts the background worker thread from source (tsx, tests): Node 20 does not carry a loader given
// with --import over to worker threads, so tsx is registered here before the TypeScript entry loads.
// The compiled build starts dist/compose/background-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./background-worker.ts');
