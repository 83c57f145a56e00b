import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['conformance/**/*.test.ts', 'property-tests/**/*.test.ts', 'scripts/**/*.test.ts', 'spec/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
