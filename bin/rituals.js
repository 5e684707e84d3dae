#!/usr/bin/env node
// `rituals` command line: runs the compiled CLI (dist/cli/index.js). In a source checkout it builds first
// when dist/ is missing or older than src/ (scripts/build.mjs); an installed package ships dist/.
import { existsSync } from 'node:fs';

if (existsSync(new URL('../src/', import.meta.url))) {
  const { ensureBuilt, orExit } = await import('../scripts/build.mjs');
  await orExit(ensureBuilt, 'rituals: build');
}
await import('../dist/cli/index.js');
