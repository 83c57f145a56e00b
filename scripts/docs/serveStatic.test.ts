import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveStatic } from './serveStatic.ts';
import type { StaticServer } from './serveStatic.ts';

let parent: string;
let server: StaticServer;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'tbc-serve-'));
  await mkdir(join(parent, 'site'));
  await writeFile(join(parent, 'site', 'index.html'), '<p>hello</p>');
  await writeFile(join(parent, 'secret.txt'), 'outside the served folder');
  server = await serveStatic(join(parent, 'site'));
});
afterAll(async () => {
  await server.close();
  await rm(parent, { recursive: true, force: true });
});

it('serves files of the folder on 127.0.0.1, index.html for a folder path', async () => {
  expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
  const response = await fetch(`${server.origin}/`);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(await response.text()).toBe('<p>hello</p>');
});

it('answers 404 for a missing file and for a path escaping the folder', async () => {
  expect((await fetch(`${server.origin}/missing.html`)).status).toBe(404);
  // One encoded segment, so URL parsing keeps it and only the server's own check stands between it and the parent.
  expect((await fetch(`${server.origin}/%2e%2e%2fsecret.txt`)).status).toBe(404);
});
