import { Option, type Command } from 'commander';
import type { DocRevision } from '../../generated/transitions.ts';
import { createLogger } from '../logger.ts';
import { closeOnSignal } from './closeOnSignal.ts';
import { docRevisionOption, parseDuration, parsePort } from './parseOptions.ts';
import { addTlsOptions, announceTls, readCaFile, tlsOptionOf, type TlsFlags } from './tlsFlags.ts';
import { DEFAULT_UPSTREAM_TIMEOUT_MS } from '../proxy/upstreamTimeout.ts';

const DEFAULT_PROXY_PORT = 4320;

interface ProxyFlags extends TlsFlags {
  upstream: string;
  upstreamTimeout: number;
  upstreamCa?: string;
  host: string;
  port: number;
  docRevision: DocRevision;
  secretKey?: string;
}

export function registerProxyCommand(program: Command): void {
  const command = program
    .command('proxy')
    .description(
      'Forward client traffic unchanged to an endpoint (or the emulator) and print one line per spec violation, in either direction',
    )
    .requiredOption(
      '--upstream <url>',
      'where to forward, e.g. https://batch.tencentcloudapi.com or http://127.0.0.1:4310',
    )
    .addOption(
      new Option(
        '--upstream-timeout <duration>',
        "the upstream's whole answer must arrive within this (e.g. 10s, 500ms); then the client gets a 502",
      )
        .argParser(parseDuration)
        .default(DEFAULT_UPSTREAM_TIMEOUT_MS, `${DEFAULT_UPSTREAM_TIMEOUT_MS / 1000}s`),
    )
    .option('--upstream-ca <file>', "trust this CA (PEM) for an https:// upstream instead of Node's own")
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', parsePort, DEFAULT_PROXY_PORT);
  addTlsOptions(command)
    .addOption(docRevisionOption('documentation wording: seed requires Region, current does not'))
    .addOption(
      new Option('--secret-key <key>', 'verify signatures with this SecretKey (without it they cannot be checked)').env(
        'TBC_PROXY_SECRET_KEY',
      ),
    )
    .action(async (flags: ProxyFlags) => {
      // Loaded here, not at the top: `tbc --help` should not pay for the proxy's validators.
      const [{ startProxy }, { formatProxyEvent }] = await Promise.all([
        import('../proxy/startProxy.ts'),
        import('../proxy/formatProxyEvent.ts'),
      ]);
      const log = createLogger('proxy');
      const tls = tlsOptionOf(flags);
      const proxy = await startProxy({
        upstream: flags.upstream,
        host: flags.host,
        port: flags.port,
        docRevision: flags.docRevision,
        upstreamTimeoutMs: flags.upstreamTimeout,
        ...(tls === undefined ? {} : { tls }),
        ...(flags.upstreamCa === undefined ? {} : { upstreamCa: readCaFile(flags.upstreamCa, '--upstream-ca') }),
        ...(flags.secretKey === undefined ? {} : { secretKey: flags.secretKey }),
        onEvent: (event) => {
          log.info(formatProxyEvent(event));
        },
      });
      log.info(`listening on ${proxy.url}, forwarding to ${flags.upstream} (doc revision ${flags.docRevision})`);
      if (flags.secretKey === undefined) {
        log.info('signatures are not verified: the SecretKey never travels (give --secret-key to verify them)');
      }
      const removeCertificate = await announceTls(log, 'proxy', proxy, flags);
      await closeOnSignal({ close: () => proxy.close().then(removeCertificate) });
    });
}
