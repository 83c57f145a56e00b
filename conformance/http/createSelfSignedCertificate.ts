import { randomBytes } from 'node:crypto';

/** The names a loopback server is reached by: the generated certificate is valid for each. */
export const LOOPBACK_NAMES = { ips: ['127.0.0.1', '::1'], dns: ['localhost'] } as const;

/** A generated certificate is valid from a day ago (a client whose clock lags still accepts it) for a year. */
const VALID_DAYS = 365;
const DAY_MS = 86_400_000;

export interface CertificatePair {
  /** PEM; self-signed, so it is also what a client trusts. */
  cert: string;
  /** PEM (PKCS#8). Never written to disk by the kit. */
  key: string;
}

/**
 * A self-signed server certificate for 127.0.0.1, ::1 and localhost, made at start-up with `selfsigned` (Node's own
 * WebCrypto underneath). Why an ECDSA P-256 key: it takes about 30 ms where RSA-2048 takes about 200 ms, and every
 * client the official SDKs use (OpenSSL, Go's crypto/tls, Java's JSSE, .NET's SslStream) accepts it. Why `cA: false`
 * with the server's key usages: trusting this certificate then trusts nothing but this server on loopback names (a
 * certificate that is not a CA cannot sign others).
 */
export async function createSelfSignedCertificate(now = new Date()): Promise<CertificatePair> {
  // Loaded here: only a server started with TLS and no certificate of its own pays for it.
  const { generate } = await import('selfsigned');
  // Why a name of its own: a verifier looks a trusted certificate up by the issuer's name, so two generated
  // certificates trusted side by side (two emulators, one NODE_EXTRA_CA_CERTS) must not share one.
  const commonName = `tbc loopback ${randomBytes(6).toString('hex')}`;
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate: new Date(now.getTime() + VALID_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...LOOPBACK_NAMES.ips.map((ip) => ({ type: 7 as const, ip })),
          ...LOOPBACK_NAMES.dns.map((value) => ({ type: 2 as const, value })),
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
