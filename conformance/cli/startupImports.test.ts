// `tbc --help` must start fast on plain Node (goal <= 0.3 s, measured by `npm run bench:startup`). What it
// costs is what main.ts loads before any action runs: its static import graph. Each verb loads its room with a dynamic
// import inside its action; this test fails when a static import brings a heavy room or package back into that graph.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Every module main.ts loads before an action runs: `import type` is erased, `import { type X }` is not. */
function staticGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    if (!file.endsWith('.ts')) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      const loads =
        (ts.isImportDeclaration(statement) && statement.importClause?.phaseModifier !== ts.SyntaxKind.TypeKeyword) ||
        (ts.isExportDeclaration(statement) && !statement.isTypeOnly);
      const specifier = loads ? statement.moduleSpecifier : undefined;
      if (specifier === undefined || !ts.isStringLiteral(specifier)) continue;
      if (specifier.text.startsWith('.')) queue.push(resolve(dirname(file), specifier.text));
      else if (!specifier.text.startsWith('node:')) packages.add(specifier.text);
    }
  }
  return { files: [...files].map((f) => relative(ROOT, f)).sort(), packages: [...packages].sort() };
}

describe('what `tbc --help` loads', () => {
  const graph = staticGraph(join(ROOT, 'conformance', 'cli', 'main.ts'));

  it('loads no package but commander (no fast-check, ajv, cli-table3, junit-report-builder, cli-progress)', () => {
    expect(graph.packages).toEqual(['commander']);
  });

  it('loads no invariant, emulator, runner, client, wire or signing code beyond the few constants the flags name', () => {
    const heavy = graph.files.filter(
      (f) =>
        /^(property-tests|conformance\/(emulator|client\/(?!Deadlines)|wire|proxy\/startProxy|clientcheck\/(?!scenarioIds)))/.test(
          f,
        ) ||
        /^conformance\/runner\/(?!runnerProfiles|report\.schema)/.test(f) ||
        /^conformance\/signing\/(?!Credentials)/.test(f),
    );
    expect(heavy).toEqual([]);
  });
});
