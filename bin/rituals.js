#!/usr/bin/env node
// `rituals` command line: runs the TypeScript sources through tsx so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
