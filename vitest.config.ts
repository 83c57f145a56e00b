import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** A file of this clone, as an absolute path. */
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // In a clone the package's entry points are its sources: tests import `tencent-batch-conformance/testing` as a
  // user's do (the README's example, examples/), with no build step. tsconfig.json `paths` says the same to tsc.
  resolve: {
    alias: [
      { find: /^tencent-batch-conformance\/testing$/, replacement: here('./conformance/testing/index.ts') },
      { find: /^tencent-batch-conformance$/, replacement: here('./conformance/index.ts') },
    ],
  },
  test: {
    include: [
      'conformance/**/*.test.ts',
      'property-tests/**/*.test.ts',
      'scripts/**/*.test.ts',
      'spec/**/*.test.ts',
      'examples/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
