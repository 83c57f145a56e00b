// The pack-and-install test: what a new user gets from `npm i <tarball>` in a fresh project. Packs the kit
// (prepack builds dist/), installs the tarball into a temporary project from the local npm cache (offline when the
// cache holds everything, else fetching only what is missing), then drives the installed bin on plain Node, imports
// the library from JavaScript and TypeScript, and runs the README's vitest example there. Prints each check, the
// install sizes and the tarball's file list, and ends with `pack: N passed, N failed` (exit 1 on any failure).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLogger } from '../conformance/logger.ts';
import { EXAMPLE_MARKERS, readMarkedExample } from './pack/readMarkedExample.ts';
import { CONSUMER_JS, CONSUMER_TS } from './pack/consumerSources.ts';

const ROOT = resolve(import.meta.dirname, '..');
const log = createLogger('pack');
/** Every child runs on plain Node: nothing inherited may load tsx or another loader into it. */
const PLAIN_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_OPTIONS'));
const STEP_TIMEOUT_MS = 180_000;

interface Manifest {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: PLAIN_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
    child.once('error', fail);
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

async function mustRun(command: string, args: readonly string[], cwd: string): Promise<Ran> {
  const ran = await run(command, args, cwd);
  if (ran.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${String(ran.code)}:\n${ran.stderr}`);
  return ran;
}

/** Installs from the cache alone when it can; otherwise lets npm fetch only what the cache lacks. Says which. */
async function npmInstall(cwd: string, specs: readonly string[], dev = false): Promise<string> {
  const started = performance.now();
  const args = ['install', '--no-audit', '--no-fund', '--loglevel=error', ...(dev ? ['-D'] : []), ...specs];
  let mode = 'offline';
  if ((await run('npm', [...args, '--offline'], cwd)).code !== 0) {
    mode = 'prefer-offline: the cache lacked some metadata';
    await mustRun('npm', [...args, '--prefer-offline'], cwd);
  }
  return `${mode}, ${((performance.now() - started) / 1000).toFixed(1)} s`;
}

/** The bytes of the files under `path`, and what they take on disk (whole blocks, as `du` counts). */
async function sizeOf(path: string): Promise<{ bytes: number; disk: number }> {
  const info = await stat(path);
  const own = { bytes: info.isDirectory() ? 0 : info.size, disk: info.blocks * 512 };
  if (!info.isDirectory()) return own;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const inner = await sizeOf(join(path, entry.name));
    own.bytes += inner.bytes;
    own.disk += inner.disk;
  }
  return own;
}

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const describeSize = (size: { bytes: number; disk: number }): string =>
  `${megabytes(size.bytes)} of files, ${megabytes(size.disk)} on disk`;

/** Starts a foreground verb, waits for its "listening on <url>" line, and hands back the URL and a SIGTERM stop. */
async function startServer(
  bin: string,
  args: readonly string[],
  cwd: string,
): Promise<{ url: string; stop(): Promise<number | null> }> {
  const child = spawn(bin, args, { cwd, env: PLAIN_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.once('close', done));
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      fail(new Error(`no "listening on" line within ${STEP_TIMEOUT_MS} ms:\n${output}`));
    }, STEP_TIMEOUT_MS);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s,]+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`exited ${String(code)} before listening:\n${output}`));
    });
  });
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

const results: { name: string; ok: boolean; detail: string }[] = [];

async function check(name: string, body: () => string | Promise<string>): Promise<void> {
  const started = performance.now();
  try {
    const detail = await body();
    results.push({ name, ok: true, detail });
    log.info(`ok   ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    results.push({ name, ok: false, detail });
    log.error(`FAIL ${name}: ${detail}`);
  }
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function main(): Promise<void> {
  const wallStart = performance.now();
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const work = await mkdtemp(join(tmpdir(), 'tbc-pack-'));
  const project = join(work, 'consumer');
  try {
    // 1. The tarball.
    const packed = await mustRun('npm', ['pack', '--json', '--pack-destination', work], ROOT);
    const [tarball] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {
      filename: string;
      size: number;
      unpackedSize: number;
      files: { path: string }[];
    }[];
    if (tarball === undefined) throw new Error('npm pack reported no tarball');
    const files = tarball.files.map((f) => f.path).sort();
    log.info(
      `${tarball.filename}: ${files.length} files, ${megabytes(tarball.size)} packed, ${megabytes(tarball.unpackedSize)} unpacked`,
    );
    await check('the tarball holds the compiled kit, the spec, LICENSE and docs, and no tests or dev files', () => {
      const stray = files.filter((f) =>
        /\.test\.|^scripts\/|^\.ci\/|^examples\/|\.ts$(?<!\.d\.ts)|tsconfig|eslint/.test(f),
      );
      if (stray.length > 0) throw new Error(`unexpected files: ${stray.join(', ')}`);
      const needed = [
        'LICENSE',
        'CHANGELOG.md',
        'package.json',
        'dist/conformance/cli/main.js',
        'dist/conformance/index.d.ts',
        'dist/conformance/testing/index.d.ts',
        'dist/conformance/runner/report.schema.json',
        'dist/generated/schemas/TerminateTaskInstance.request.json',
        'dist/generated/control.schema.json',
        'spec/TerminateTaskInstance.yaml',
        'spec/common.yaml',
      ];
      const missing = needed.filter((f) => !files.includes(f));
      if (missing.length > 0) throw new Error(`missing: ${missing.join(', ')}`);
      return '';
    });

    // 2. A fresh project; the core install, then Prism, each measured.
    await mkdir(project);
    await writeFile(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'tbc-consumer', private: true, type: 'module' }, null, 2)}\n`,
    );
    const coreMode = await npmInstall(project, [join(work, tarball.filename)]);
    const coreSize = await sizeOf(join(project, 'node_modules'));
    log.info(`installed the tarball (${coreMode}): node_modules ${describeSize(coreSize)}`);
    const tbc = join(project, 'node_modules', '.bin', 'tbc');

    await check('tbc --version and -V print the package version', async () => {
      const long = await mustRun(tbc, ['--version'], project);
      const short = await mustRun(tbc, ['-V'], project);
      expectEqual([long.stdout.trim(), short.stdout.trim()], [manifest.version, manifest.version], 'version');
      return manifest.version;
    });

    await check('tbc mock without Prism exits 2 with a one-line install command', async () => {
      const ran = await run(tbc, ['mock', '--port', '0'], project);
      const lines = ran.stderr.trim().split('\n');
      expectEqual(ran.code, 2, 'exit code');
      if (lines.length !== 1 || !lines[0]?.includes('npm i -D "@stoplight/prism-cli@')) {
        throw new Error(`stderr was:\n${ran.stderr}`);
      }
      return lines[0];
    });

    const adapter = await readMarkedExample(join(ROOT, 'docs', 'client-check.md'), EXAMPLE_MARKERS.clientCheckAdapter);
    await writeFile(join(project, 'adapter.ts'), adapter);
    await check('tbc client-check with a .ts adapter and no tsx exits 2 saying to install tsx', async () => {
      const ran = await run(tbc, ['client-check', '--adapter', 'adapter.ts'], project);
      expectEqual(ran.code, 2, 'exit code');
      if (!ran.stderr.includes('install tsx')) throw new Error(`stderr was:\n${ran.stderr}`);
      return ran.stderr.trim();
    });

    await check('tbc conformance --embedded --runs 3 passes on plain Node', async () => {
      const ran = await run(tbc, ['conformance', '--embedded', '--runs', '3', '--seed', '1', '--no-progress'], project);
      if (ran.code !== 0) throw new Error(`exit ${String(ran.code)}:\n${ran.stdout}\n${ran.stderr}`);
      return /^\d+ passed, \d+ failed.*$/m.exec(ran.stdout)?.[0] ?? '';
    });

    await check('tbc emulator starts, answers its control plane, and stops on SIGTERM with exit 0', async () => {
      const server = await startServer(tbc, ['emulator', '--port', '0'], project);
      const info = (await (await fetch(`${server.url}/_emulator/info`)).json()) as { emulator?: string };
      expectEqual(info.emulator, 'tbc', 'GET /_emulator/info emulator');
      expectEqual(await server.stop(), 0, 'exit code after SIGTERM');
      return server.url;
    });

    await check(
      'the library and ./testing import from JavaScript and run (in-process runConformance, SDK settings)',
      async () => {
        await writeFile(join(project, 'consumer.mjs'), CONSUMER_JS);
        return (await mustRun(process.execPath, ['consumer.mjs'], project)).stdout.trim();
      },
    );

    const prismSpec = `@stoplight/prism-cli@${manifest.devDependencies['@stoplight/prism-cli'] ?? ''}`;
    const prismMode = await npmInstall(project, [prismSpec]);
    const withPrismSize = await sizeOf(join(project, 'node_modules'));
    log.info(`installed ${prismSpec} (${prismMode}): node_modules ${describeSize(withPrismSize)}`);

    await check('tbc mock finds the hoisted Prism, listens, and stops on SIGTERM with exit 0', async () => {
      const server = await startServer(tbc, ['mock', '--port', '0'], project);
      const answer = await fetch(`${server.url}/`, { method: 'POST' });
      expectEqual(answer.status >= 400, true, 'an unsigned request is refused by Prism');
      expectEqual(await server.stop(), 0, 'exit code after SIGTERM');
      return server.url;
    });

    // 3. TypeScript and vitest, at the versions the kit itself is tested with.
    const devTools = ['typescript', '@types/node', 'vitest', 'tencentcloud-sdk-nodejs-common', 'tsx'].map(
      (name) => `${name}@${manifest.devDependencies[name] ?? ''}`,
    );
    const toolsMode = await npmInstall(project, devTools, true);
    log.info(`installed ${devTools.join(', ')} (${toolsMode})`);
    await writeFile(join(project, 'consumer.ts'), CONSUMER_TS);
    const vitestExample = await readMarkedExample(join(ROOT, 'README.md'), EXAMPLE_MARKERS.readmeVitest);
    await writeFile(join(project, 'terminate.test.ts'), vitestExample);
    const tsc = join(project, 'node_modules', '.bin', 'tsc');
    await mustRun(tsc, ['--init'], project);

    await check(
      'tbc client-check loads the .ts adapter of docs/client-check.md once tsx is installed, and passes it',
      async () => {
        const ran = await run(tbc, ['client-check', '--adapter', 'adapter.ts', '--runs', '3', '--seed', '1'], project);
        if (ran.code !== 0) throw new Error(`exit ${String(ran.code)}:\n${ran.stdout}\n${ran.stderr}`);
        return '';
      },
    );

    await check('a TypeScript consumer type-checks with tsc --noEmit under the defaults of tsc --init', async () => {
      const ran = await run(tsc, ['--noEmit', '-p', '.'], project);
      if (ran.code !== 0) throw new Error(ran.stdout + ran.stderr);
      return 'consumer.ts, adapter.ts, terminate.test.ts';
    });

    await check('... and the .d.ts files themselves check (skipLibCheck off, Node types on)', async () => {
      // Only consumer.ts, so that the check reads the kit's declarations and what they import, not vitest's and vite's.
      const strict = ['--strict', '--module', 'nodenext', '--target', 'esnext', '--skipLibCheck', 'false'];
      const ran = await run(tsc, ['--noEmit', ...strict, '--types', 'node', 'consumer.ts'], project);
      if (ran.code !== 0) throw new Error(ran.stdout + ran.stderr);
      return '';
    });

    await check("the README's vitest example passes in the fresh project", async () => {
      const ran = await run(join(project, 'node_modules', '.bin', 'vitest'), ['run', 'terminate.test.ts'], project);
      if (ran.code !== 0) throw new Error(ran.stdout + ran.stderr);
      return /Tests\s+.*passed.*/.exec(ran.stdout.replace(/\x1b\[[0-9;]*m/g, ''))?.[0] ?? '';
    });

    log.info(`install size: core ${describeSize(coreSize)}; core + Prism ${describeSize(withPrismSize)}`);
    log.info(`tarball file list:\n  ${files.join('\n  ')}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok).length;
  log.info(`wall time ${((performance.now() - wallStart) / 1000).toFixed(1)} s`);
  // The plain closing line CI reads (no logger prefix: only one word and a colon may stand before the counts).
  process.stdout.write(`pack: ${results.length - failed} passed, ${failed} failed\n`);
  process.exitCode = failed === 0 && results.length > 0 ? 0 : 1;
}

await main();
