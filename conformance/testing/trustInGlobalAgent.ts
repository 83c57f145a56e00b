import { readFileSync } from 'node:fs';
import { globalAgent } from 'node:https';
import { rootCertificates } from 'node:tls';

/** The CAs added here and not yet removed, in the order added (one entry per call, so removals do not collide). */
const added: { pem: string }[] = [];
/** What `globalAgent.options.ca` was before the first addition, to put back once nothing is added. */
let original: { ca: typeof globalAgent.options.ca } | undefined;

/**
 * Makes Node's `https.globalAgent` trust `ca` too, until the returned function is called. Why: a client that takes no
 * agent and no CA of its own (the intl-en SDK: node-fetch 2 with no agent, reference §5) goes through the global agent,
 * and NODE_EXTRA_CA_CERTS is read only when Node starts, before a test made its certificate.
 *
 * Process-wide, honestly: every https request in this process that uses the global agent (no `agent` of its own)
 * trusts `ca` meanwhile. `fetch` is not affected (undici has its own stack). Node's bundled CAs and the file in
 * NODE_EXTRA_CA_CERTS stay trusted: they are listed with it, because an explicit `ca` replaces the defaults.
 * Certificates a process trusts only through `--use-openssl-ca` or `--use-system-ca` are not, while `ca` is added.
 */
export function trustInGlobalAgent(ca: string): () => void {
  original ??= { ca: globalAgent.options.ca };
  const entry = { pem: ca };
  added.push(entry);
  apply();
  return () => {
    const index = added.indexOf(entry);
    if (index === -1) return;
    added.splice(index, 1);
    apply();
  };
}

function apply(): void {
  if (added.length === 0 && original !== undefined) {
    if (original.ca === undefined) delete globalAgent.options.ca;
    else globalAgent.options.ca = original.ca;
    original = undefined;
    return;
  }
  const base = original?.ca ?? [...rootCertificates, ...extraCaFromEnvironment()];
  globalAgent.options.ca = [...(Array.isArray(base) ? base : [base]), ...added.map((entry) => entry.pem)];
}

/** The file NODE_EXTRA_CA_CERTS names, as Node read it at start-up ('' when unset or unreadable: Node warned then). */
function extraCaFromEnvironment(): string[] {
  const file = process.env['NODE_EXTRA_CA_CERTS'];
  if (file === undefined || file === '') return [];
  try {
    return [readFileSync(file, 'utf8')];
  } catch {
    return [];
  }
}
