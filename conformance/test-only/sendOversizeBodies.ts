// Test support: Node's global fetch sending an oversize TerminateTaskInstance body, the way most clients do it (the
// whole body written first, then the answer read), from a process of its own.
import { execFile } from 'node:child_process';

/** Past the API's largest request size (10 MB of JSON, reference §4.2): what a client sends when it writes the whole body before reading. */
export const OVERSIZE_BYTES = 11 * 1024 * 1024;

export interface OversizeOutcome {
  /** Answers whose body carried the RequestSizeLimitExceeded code. */
  enveloped: number;
  /** Everything else: a thrown error's cause, or the start of another body. */
  failures: string[];
}

// Runs in the child: `times` sequential POSTs of one JSON body of OVERSIZE_BYTES; prints an OversizeOutcome.
const CLIENT = `
const [url, times, bytes, chunked] = process.argv.slice(1);
const prefix = '{"JobId":"job-abcdefgh","TaskInstanceIndex":0,"TaskName":"';
const body = prefix + 'A'.repeat(Number(bytes) - prefix.length - 2) + '"}';
const headers = { 'content-type': 'application/json', 'x-tc-action': 'TerminateTaskInstance' };
const outcome = { enveloped: 0, failures: [] };
for (let i = 0; i < Number(times); i++) {
  try {
    // chunked: no Content-Length, so the server only learns the size by counting.
    const init = chunked === 'chunked'
      ? { method: 'POST', headers, duplex: 'half', body: new Blob([body]).stream() }
      : { method: 'POST', headers, body };
    const text = await (await fetch(url, init)).text();
    if (text.includes('"RequestSizeLimitExceeded"')) outcome.enveloped++;
    else outcome.failures.push(text.slice(0, 120));
  } catch (error) {
    outcome.failures.push(String(error.cause ?? error));
  }
}
console.log(JSON.stringify(outcome));
`;

/**
 * Sends `times` oversize bodies to `url` with Node's fetch from a child process and counts the envelopes that came
 * back. Why a child: the race this is about (the server closing while the client still writes) needs the client and
 * the server on two event loops; in one process the server has read each chunk before the client writes the next.
 * `ca`: a CA file the child trusts through NODE_EXTRA_CA_CERTS, for an https:// URL.
 */
export function sendOversizeBodies(
  url: string,
  options: { times: number; chunked?: boolean; caFile?: string },
): Promise<OversizeOutcome> {
  const args = ['--input-type=module', '-e', CLIENT, url, String(options.times), String(OVERSIZE_BYTES)];
  if (options.chunked === true) args.push('chunked');
  const env = { ...process.env, ...(options.caFile === undefined ? {} : { NODE_EXTRA_CA_CERTS: options.caFile }) };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`the fetch client failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as OversizeOutcome);
    });
  });
}
