// `tbc mock`: the stateless Prism mock of spec/TerminateTaskInstance.yaml, in the foreground until a signal stops it.
import { Option } from 'commander';
import type { Command } from 'commander';
import { TbcError } from '../TbcError.ts';
import { createLogger } from '../logger.ts';
import { parsePort } from './parseOptions.ts';
import { addTlsOptions, announceTls, tlsOptionOf, type TlsFlags } from './tlsFlags.ts';

const log = createLogger('tbc mock');
const prismLog = createLogger('prism');

/** Prism's own default port; the emulator's is 4310, so both can run side by side. */
const DEFAULT_PORT = 4010;
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

async function runMock(options: { port: number; host: string } & TlsFlags): Promise<void> {
  // Loaded here, not at the top: `tbc --help` should not pay for child_process and the search for Prism.
  const { startMock } = await import('../mock/startMock.ts');
  const tls = tlsOptionOf(options);
  const mock = await startMock({
    port: options.port,
    host: options.host,
    ...(tls === undefined ? {} : { tls }),
    onLog: (line) => {
      prismLog.info(line);
    },
  });
  log.info(`Prism mock of spec/TerminateTaskInstance.yaml listening on ${mock.url}`);
  log.info(`choose an error example with the header "Prefer: example=<Code>"; stop with Ctrl+C`);
  const removeCertificate = await announceTls(log, 'mock', mock, options);

  const forward = (signal: NodeJS.Signals): void => {
    log.info(`${signal} received, stopping Prism`);
    void mock.stop(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  try {
    const exit = await mock.exited;
    if (!exit.stopped) {
      throw new TbcError(`Prism exited on its own (${String(exit.code ?? exit.signal)}); the mock is down`);
    }
  } finally {
    for (const signal of FORWARDED_SIGNALS) process.removeListener(signal, forward);
    await removeCertificate();
  }
}

/** Adds the `mock` verb; it exits 0 after a signal stopped it, 2 (TbcError) when Prism cannot start or dies. */
export function registerMockCommand(program: Command): void {
  const command = program
    .command('mock')
    .description(
      'Serve the examples of spec/TerminateTaskInstance.yaml with Prism (stateless; for behaviour use `tbc emulator`)',
    )
    .addOption(
      new Option('-p, --port <port>', 'port to listen on; 0 picks a free one')
        .default(DEFAULT_PORT)
        .argParser(parsePort),
    )
    .option('--host <host>', 'address to listen on; the mock checks no signature, so keep it local', '127.0.0.1');
  addTlsOptions(command).action(runMock);
}
