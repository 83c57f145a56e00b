/**
 * Plain data for the hot path (architecture.md "Mind the hot path"): the emulator's core handler works on these, and
 * the Fetch `Implementation` and the node:http adapter are thin wrappers around it.
 */
export interface RawRequest {
  method: string;
  /** Path and query exactly as received, e.g. `/` or `/?Action=DescribeJob&JobId=job-rybewp57`. */
  url: string;
  /** Header names lowercased; repeated headers joined with `, ` (what node:http gives). */
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

export interface RawResponse {
  status: number;
  /** Shared between responses by the emulator: read, never write. */
  headers: Readonly<Record<string, string>>;
  body: Buffer | string;
}
