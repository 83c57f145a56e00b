// `npm run docs`: an offline static reference of spec/ in site/ (gitignored; docs/ holds the Markdown guides). Deterministic: same inputs, same bytes.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { TRANSITION_TABLE } from '../../generated/transitions.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import { TbcError } from '../../conformance/TbcError.ts';
import { SPEC_DIR, listActionDocuments } from '../generate/specFiles.ts';
import { findRemoteReferences } from './findRemoteReferences.ts';
import { patchRedocPage } from './patchRedocPage.ts';
import { MERMAID_ASSET, renderDiagramPage } from './renderDiagramPage.ts';
import type { ApiPage } from './renderIndexPage.ts';
import { renderIndexPage } from './renderIndexPage.ts';
import { renderMermaid } from './renderMermaid.ts';

const run = promisify(execFile);
const PACKAGE_ROOT = resolve(import.meta.dirname, '..', '..');
export const SITE_DIR = join(PACKAGE_ROOT, 'site');
const REDOCLY_BIN = join(PACKAGE_ROOT, 'node_modules', '.bin', 'redocly');
const MERMAID_BUNDLE = join(PACKAGE_ROOT, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

export interface BuiltDocs {
  /** Paths relative to the output folder, sorted. */
  files: string[];
}

/**
 * Builds the reference into `outDir`, replacing what was there. Throws a TbcError when Redocly fails or when a page
 * would load anything from the network.
 */
export async function buildDocs(outDir: string = SITE_DIR): Promise<BuiltDocs> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'api'), { recursive: true });
  await mkdir(join(outDir, 'assets'), { recursive: true });

  const documents = await listActionDocuments();
  const apiPages = await mapWithConcurrency(documents, availableParallelism(), async ({ action, file, title }) => {
    const href = `api/${action}.html`;
    await buildApiPage(join(SPEC_DIR, file), join(outDir, href));
    return { action, title, href } satisfies ApiPage;
  });

  await copyFile(MERMAID_BUNDLE, join(outDir, MERMAID_ASSET));
  await copyFile(join(import.meta.dirname, 'docs.css'), join(outDir, 'assets', 'docs.css'));
  for (const revision of Object.keys(TRANSITION_TABLE.revisions) as DocRevision[]) {
    const source = renderMermaid(revision);
    await writeFile(join(outDir, `state-diagram.${revision}.mmd`), source);
    await writeFile(join(outDir, `state-diagram.${revision}.html`), renderDiagramPage(revision, source));
  }
  await writeFile(join(outDir, 'index.html'), renderIndexPage(apiPages));

  const files = (await readdir(outDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(outDir, join(entry.parentPath, entry.name)))
    .sort();
  const remote: string[] = [];
  for (const file of files.filter((f) => f.endsWith('.html') || f.endsWith('.css'))) {
    for (const url of findRemoteReferences(await readFile(join(outDir, file), 'utf8'))) remote.push(`${file}: ${url}`);
  }
  if (remote.length > 0) throw new TbcError(`docs would load from the network:\n${remote.join('\n')}`);
  return { files };
}

/**
 * One Redoc page, offline. Why --inlineBundle: without it the page loads Redoc from cdn.redocly.com. Why
 * disableTelemetry: the page would otherwise report page views to otel.cloud.redocly.com. Why the environment:
 * Redocly CLI itself otherwise sends usage telemetry and checks for updates on every run.
 */
async function buildApiPage(document: string, output: string): Promise<void> {
  const args = [REDOCLY_BIN, 'build-docs', document, '--output', output, '--inlineBundle'];
  args.push('--openapi.disableTelemetry=true', '--openapi.jsonSamplesExpandLevel=all');
  try {
    await run(process.execPath, args, {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr) : '';
    throw new TbcError(`redocly build-docs failed for ${relative(PACKAGE_ROOT, document)}: ${stderr.trim()}`);
  }
  await writeFile(output, patchRedocPage(await readFile(output, 'utf8')));
}

/** Why a limit: each Redocly run is CPU-bound for about a second; more runs than cores only add contention. */
async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
