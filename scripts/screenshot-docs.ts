// `npm run docs:screenshots`: loads the built docs in headless Chromium from a local server and writes PNGs to
// site/screenshots/. Fails when a page logs an error, throws, or requests anything that is not on that server.
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { createLogger } from '../conformance/logger.ts';
import { SITE_DIR } from './docs/buildDocs.ts';
import { serveStatic } from './docs/serveStatic.ts';

const log = createLogger('screenshot-docs');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Shot {
  name: string;
  path: string;
  /** What shows the page has finished rendering. */
  ready: string;
  /** Wide enough for the diagram at its natural size, so labels stay readable. */
  width: number;
}

const SHOTS: Shot[] = [
  { name: 'index', path: 'index.html', ready: 'body', width: 1440 },
  { name: 'state-diagram.seed', path: 'state-diagram.seed.html', ready: 'body[data-diagram="rendered"]', width: 2200 },
  {
    name: 'state-diagram.current',
    path: 'state-diagram.current.html',
    ready: 'body[data-diagram="rendered"]',
    width: 2200,
  },
  {
    name: 'api.TerminateTaskInstance',
    path: 'api/TerminateTaskInstance.html',
    ready: '[data-component-name="Layout/ThreePanelLayout"]',
    width: 1440,
  },
  // Redoc 3 shows one operation per client-side route; the JSON viewer appears once its examples are rendered.
  {
    name: 'api.TerminateTaskInstance.operation',
    path: 'api/TerminateTaskInstance.html#/jobs/terminatetaskinstance',
    ready: '[data-component-name="JsonViewer/JsonViewer"]',
    width: 1440,
  },
];

if (!(await stat(join(SITE_DIR, 'index.html')).catch(() => undefined))) {
  log.error('site/index.html is missing; run `npm run docs` first');
  process.exit(2);
}

const outDir = join(SITE_DIR, 'screenshots');
await mkdir(outDir, { recursive: true });
const server = await serveStatic(SITE_DIR);
const userDataDir = await mkdtemp(join(tmpdir(), 'tbc-chromium-'));
const problems: string[] = [];
try {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  // Every request either goes to the local server or is refused and reported.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
      await route.continue();
    } else {
      problems.push(`off-host request: ${url}`);
      await route.abort('blockedbyclient');
    }
  });
  try {
    for (const shot of SHOTS) await takeShot(await context.newPage(), shot);
  } finally {
    await context.close();
  }
} finally {
  await server.close();
  await rm(userDataDir, { recursive: true, force: true });
}

if (problems.length > 0) {
  for (const problem of problems) log.error(problem);
  process.exitCode = 1;
} else {
  log.info(`wrote ${SHOTS.length} screenshots to ${relative(process.cwd(), outDir)}/`);
}

async function takeShot(page: Page, shot: Shot): Promise<void> {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${shot.path}: console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${shot.path}: uncaught ${error.name}: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Refusals of off-host requests are already reported by the route handler.
    if (request.url().startsWith(server.origin)) problems.push(`${shot.path}: failed to load ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${shot.path}: HTTP ${response.status()} for ${response.url()}`);
  });
  await page.setViewportSize({ width: shot.width, height: 900 });
  await page.goto(`${server.origin}/${shot.path}`, { waitUntil: 'load' });
  try {
    await page.waitForSelector(shot.ready, { timeout: 20_000 });
  } catch {
    problems.push(`${shot.path}: never showed ${shot.ready}`);
  }
  await page.waitForLoadState('networkidle');
  const file = join(outDir, `${shot.name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  log.info(`${shot.path} → ${relative(process.cwd(), file)}`);
  // The diagram alone too, at its natural size, for a look at the labels without the tables around it.
  const diagram = await page.$('#diagram svg');
  if (diagram !== null) await diagram.screenshot({ path: join(outDir, `${shot.name}.diagram.png`) });
  // Why runBeforeUnload: telemetry-style beacons fire on unload; they must hit the route check too.
  await page.close({ runBeforeUnload: true });
}
