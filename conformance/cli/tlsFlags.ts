import { UsageError } from './UsageError.ts';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { checkCertificates, type TlsOption } from '../http/resolveTls.ts';
import type { Logger } from '../logger.ts';
import { TbcError } from '../TbcError.ts';

/** `--tls`, `--tls-cert FILE`, `--tls-key FILE` as commander gives them. */
export interface TlsFlags {
  tls?: boolean;
  tlsCert?: string;
  tlsKey?: string;
}

/** The listening side's TLS flags, the same on `tbc emulator`, `tbc mock`, `tbc proxy` and `tbc client-check`. */
export function addTlsOptions(command: Command): Command {
  return command
    .option(
      '--tls',
      'serve HTTPS with a self-signed certificate made at start-up for 127.0.0.1, ::1 and localhost (its file is printed)',
    )
    .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM, chain first); needs --tls-key')
    .option('--tls-key <file>', 'the private key of --tls-cert (PEM)');
}

/** Reads a PEM file named by a flag; an unreadable file is a setup error (exit 2) naming the flag. */
export function readPemFile(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new TbcError(`${flag} ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** A CA file named by a flag (`--ca`, `--upstream-ca`): readable, and every PEM block in it a certificate. */
export function readCaFile(path: string, flag: string): string {
  const pem = readPemFile(path, flag);
  checkCertificates(pem, `${flag} ${path}`);
  return pem;
}

/** The `tls` option the flags ask for; undefined for plain HTTP. */
export function tlsOptionOf(flags: TlsFlags): TlsOption | undefined {
  if ((flags.tlsCert === undefined) !== (flags.tlsKey === undefined)) {
    throw new UsageError(
      '--tls-cert and --tls-key go together: give both (or --tls alone for a generated certificate)',
    );
  }
  if (flags.tlsCert !== undefined && flags.tlsKey !== undefined) {
    return { cert: readPemFile(flags.tlsCert, '--tls-cert'), key: readPemFile(flags.tlsKey, '--tls-key') };
  }
  return flags.tls === true ? true : undefined;
}

/**
 * Says how a client reaches an HTTPS server. A generated certificate is written to `<tmpdir>/tbc-<verb>-<port>.pem`
 * (a fixed name per port, so a script can find it) and removed by the returned cleanup; its trust lines name it.
 */
export async function announceTls(
  log: Logger,
  verb: string,
  listening: { url: string; ca?: string },
  flags: TlsFlags,
): Promise<() => Promise<void>> {
  if (listening.ca === undefined) return () => Promise.resolve();
  if (flags.tlsCert !== undefined) {
    log.info(`HTTPS with the certificate ${flags.tlsCert}: clients trust the CA that issued it`);
    return () => Promise.resolve();
  }
  const file = join(tmpdir(), `tbc-${verb}-${new URL(listening.url).port}.pem`);
  await writeFile(file, listening.ca);
  log.info(`HTTPS with a self-signed certificate for 127.0.0.1, ::1 and localhost, made at start-up: ${file}`);
  log.info(
    `trust it with: NODE_EXTRA_CA_CERTS=${file} (Node, set before it starts) · tbc conformance --ca ${file} · ` +
      `curl --cacert ${file} · each official SDK: docs/clients.md`,
  );
  return () => rm(file, { force: true });
}
