import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_MARKERS, readMarkedExample } from './readMarkedExample.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe("the README's vitest example", () => {
  it('is examples/terminate.test.ts, which the clone runs as written (and the pack test in a fresh project)', async () => {
    const readme = await readMarkedExample(join(ROOT, 'README.md'), EXAMPLE_MARKERS.readmeVitest);
    expect(await readFile(join(ROOT, 'examples', 'terminate.test.ts'), 'utf8')).toBe(readme);
  });
});
