// `npm start`: runs the compiled bot (dist/main.js) in this very process, so SIGTERM and SIGINT reach the
// bot itself (the npm script `exec`s node: no shell in between). In a source checkout it builds first
// when dist/ is missing or older than src/ (scripts/build.mjs); an installed package ships dist/.
import { existsSync } from 'node:fs';

if (existsSync(new URL('../src/', import.meta.url))) {
  const { ensureBuilt, orExit } = await import('./build.mjs');
  await orExit(ensureBuilt, 'build');
}
await import('../dist/main.js');
