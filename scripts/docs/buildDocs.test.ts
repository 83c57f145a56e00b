// The docs build end to end, without a browser (CI has no Chromium): files, offline-ness, diagram sources.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSITION_TABLE } from '../../generated/transitions.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import { listActionDocuments } from '../generate/specFiles.ts';
import { buildDocs } from './buildDocs.ts';
import { findRemoteReferences } from './findRemoteReferences.ts';
import { renderMermaid } from './renderMermaid.ts';

const REVISIONS = Object.keys(TRANSITION_TABLE.revisions) as DocRevision[];
let outDir: string;
let files: string[];

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'tbc-docs-'));
  ({ files } = await buildDocs(outDir));
}, 120_000);
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('buildDocs', () => {
  it('writes an API page per action document, a diagram page and .mmd per revision, the index and the assets', async () => {
    const actions = (await listActionDocuments()).map((d) => d.action);
    expect(files).toEqual(
      [
        ...actions.map((a) => `api/${a}.html`),
        'assets/docs.css',
        'assets/mermaid.min.js',
        'index.html',
        ...REVISIONS.flatMap((p) => [`state-diagram.${p}.html`, `state-diagram.${p}.mmd`]),
      ].sort(),
    );
  });

  it('builds pages that load nothing from the network, with Redoc inlined and its telemetry and CDN logo off', async () => {
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = await readFile(join(outDir, file), 'utf8');
      expect(findRemoteReferences(html), file).toEqual([]);
      if (file.startsWith('api/')) {
        expect(html).toContain('"disableTelemetry":true');
        expect(html).not.toContain('cdn.redoc.ly');
      }
    }
  });

  it('writes each revision’s Mermaid source from the transition table, and its page embeds the same source', async () => {
    for (const revision of REVISIONS) {
      const source = await readFile(join(outDir, `state-diagram.${revision}.mmd`), 'utf8');
      expect(source).toBe(renderMermaid(revision));
      const page = await readFile(join(outDir, `state-diagram.${revision}.html`), 'utf8');
      expect(page).toContain('<script src="assets/mermaid.min.js"></script>');
      expect(page).toContain(`rule ${TRANSITION_TABLE.revisions[revision].rules[0].id}`);
    }
  });
});
