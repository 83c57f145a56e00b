import { readFile } from 'node:fs/promises';

/** The README marks its vitest example with this comment, right above the fenced block. */
export const README_EXAMPLE_MARKER = '<!-- vitest example: run as is by `npm run test:pack` -->';

/** The vitest example of the README, verbatim, so the pack test runs exactly what a reader copies. */
export async function readReadmeExample(readmePath: string): Promise<string> {
  const readme = await readFile(readmePath, 'utf8');
  const at = readme.indexOf(README_EXAMPLE_MARKER);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  if (at < 0 || block?.[1] === undefined) {
    throw new Error(`README.md has no \`\`\`ts block after the marker ${README_EXAMPLE_MARKER}`);
  }
  return block[1];
}
