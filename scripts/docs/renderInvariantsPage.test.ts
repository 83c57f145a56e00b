import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'prettier';
import { expect, it } from 'vitest';
import { CATALOGUE } from '../../property-tests/catalogue.ts';
import { renderInvariantsPage } from './renderInvariantsPage.ts';

it('docs/invariants.md is what the catalogue renders (run `npm run docs:invariants` when this fails)', async () => {
  const committed = await readFile(join(import.meta.dirname, '..', '..', 'docs', 'invariants.md'), 'utf8');
  expect(committed).toBe(await format(renderInvariantsPage(), { parser: 'markdown' }));
});

it('lists every invariant of the catalogue with its quoted source', () => {
  const page = renderInvariantsPage();
  for (const invariant of CATALOGUE) expect(page).toContain(`| ${invariant.id} | `);
});
