#!/usr/bin/env node
// The `tbc` executable. The kit is TypeScript run through tsx (no build step), so a fresh clone works after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
