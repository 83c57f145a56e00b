import { X509Certificate } from 'node:crypto';
import { TbcError } from '../TbcError.ts';
import { createSelfSignedCertificate } from './createSelfSignedCertificate.ts';

/** A certificate of your own, as PEM text: the server's certificate (chain), its key, and what clients should trust. */
export interface TlsCredentials {
  cert: string;
  key: string;
  /** The CA a client should trust (PEM); default `cert` itself, right for a self-signed certificate. */
  ca?: string;
}

/** `true`: HTTPS with a certificate generated at start-up; an object: HTTPS with your own; `false`/absent: HTTP. */
export type TlsOption = boolean | TlsCredentials;

/** What an HTTPS server listens with, and what its clients must trust. */
export interface ServerTls {
  cert: string;
  key: string;
  /** PEM of the certificate(s) a client trusts to reach this server. */
  ca: string;
  /** True when the kit made the certificate (self-signed for 127.0.0.1, ::1 and localhost). */
  generated: boolean;
}

/** Turns the `tls` option into a certificate and key; undefined for plain HTTP. Throws TbcError for an unusable PEM. */
export async function resolveTls(option: TlsOption | undefined): Promise<ServerTls | undefined> {
  if (option === undefined || option === false) return undefined;
  if (option === true) {
    const { cert, key } = await createSelfSignedCertificate();
    return { cert, key, ca: cert, generated: true };
  }
  checkCertificates(option.cert, 'the TLS certificate');
  if (option.ca !== undefined) checkCertificates(option.ca, 'the CA certificate');
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(option.key)) {
    throw new TbcError('the TLS key is not a PEM private key (-----BEGIN PRIVATE KEY-----)');
  }
  return { cert: option.cert, key: option.key, ca: option.ca ?? option.cert, generated: false };
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Throws TbcError unless `pem` holds at least one certificate and every one parses. Why check here: node:tls would
 * otherwise fail later, at the first connection, with an OpenSSL code far from the flag that caused it.
 */
export function checkCertificates(pem: string, what: string): void {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw new TbcError(`${what} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new TbcError(`${what} is not a readable certificate: ${(error as Error).message}`);
    }
  }
}
