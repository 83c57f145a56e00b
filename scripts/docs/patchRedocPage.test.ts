import { expect, it } from 'vitest';
import { LOCAL_REDOC_LOGO, patchRedocPage } from './patchRedocPage.ts';

it('points both Redoc logo fetches at the local image and leaves the rest of the page alone', () => {
  const page =
    'src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`;' +
    'href:`https://redocly.com/redoc/`';
  expect(patchRedocPage(page)).toBe(
    `src:e?\`${LOCAL_REDOC_LOGO}\`:\`${LOCAL_REDOC_LOGO}\`;href:\`https://redocly.com/redoc/\``,
  );
});

it('uses a logo URL that is safe inside a JavaScript template literal', () => {
  expect(LOCAL_REDOC_LOGO).toMatch(/^data:image\/svg\+xml,/);
  expect(LOCAL_REDOC_LOGO).not.toMatch(/`|\$\{/);
});
