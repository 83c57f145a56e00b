// Starts a server in its own child process (so it never shares an event loop with the load generator) and resolves
// with the URL it prints once it listens.
import { spawn } from 'node:child_process';
import { TbcError } from '../../conformance/TbcError.ts';

export interface ChildServer {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const URL_PATTERN = /listening on (http:\/\/[^\s)]+)/;
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const KEPT_LINES = 20;

/**
 * `command` runs with this Node (process.execPath). Output after the ready line is drained and dropped, as a
 * terminal would consume it (Prism logs every request).
 */
export function startServer(name: string, args: readonly string[], cwd: string): Promise<ChildServer> {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => {
      process.removeListener('exit', killOnExit);
      resolve();
    });
  });

  return new Promise<ChildServer>((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new TbcError(`${name} did not start within ${START_TIMEOUT_MS} ms:\n${recent.join('\n')}`));
    }, START_TIMEOUT_MS);
    const onLine = (line: string): void => {
      if (ready) return;
      recent.push(line);
      if (recent.length > KEPT_LINES) recent.shift();
      // Prism colours its output; strip escape sequences before matching.
      const match = URL_PATTERN.exec(line.replace(/\u001b\[[0-9;]*m/g, ''));
      if (match?.[1] === undefined) return;
      ready = true;
      clearTimeout(timer);
      resolve({
        name,
        url: match[1],
        pid: child.pid ?? -1,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
            await exited;
            clearTimeout(force);
          }
        },
      });
    };
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        if (ready) return;
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) onLine(line.trimEnd());
      });
    }
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new TbcError(`${name} could not be started: ${error.message}`));
    });
    void exited.then(() => {
      if (ready) return;
      clearTimeout(timer);
      reject(new TbcError(`${name} exited before listening:\n${recent.join('\n')}`));
    });
  });
}
