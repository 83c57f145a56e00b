#!/usr/bin/env node
// The `tbc` executable in a clone: the TypeScript sources run through tsx (no build step), so a fresh clone works
// after `npm ci`. The installed package runs the compiled dist/conformance/cli/main.js instead (package.json "bin").
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
