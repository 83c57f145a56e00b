/** A property found on what the client surfaced, with where it was found (`code`, `Response.Error.Code`, `cause.code`). */
export interface FoundValue {
  value: string | number;
  at: string;
}

/** What the adapter gave back for one call, as data for the report. */
export interface Surfaced {
  outcome: 'returned' | 'threw' | 'hung';
  /** Constructor name (`TencentCloudSDKHttpException`, `FetchError`, `Object`) or `typeof` for primitives. */
  type: string;
  code?: FoundValue;
  requestId?: FoundValue;
  message?: string;
  /** The value's own top-level property names: where the search began. */
  properties: string[];
  /** A short JSON rendering of a returned value. */
  preview?: string;
  durationMs: number;
}

/** Names an error code goes by (Go `Code`, Node SDKs `code`, others `errorCode`); compared case-insensitively. */
const CODE_KEYS = new Set(['code', 'errorcode', 'error_code']);
const REQUEST_ID_KEYS = new Set(['requestid', 'request_id']);
const MAX_DEPTH = 3;
const SKIPPED = new Set(['stack']);

/**
 * Looks for an error code and a RequestId on whatever the client returned or threw, breadth first (so `code` beats
 * `cause.code`), through own properties, non-enumerable ones included (an Error's extra fields may be either).
 * `redactText` runs on the message and preview before they are cut short: a secret cut in half would no longer match
 * the report's final redaction pass, and half a SecretKey would reach the report.
 */
export function inspectSurfaced(
  outcome: 'returned' | 'threw',
  value: unknown,
  durationMs: number,
  redactText: (text: string) => string = (text) => text,
): Surfaced {
  const surfaced: Surfaced = { outcome, type: typeName(value), properties: ownNames(value), durationMs };
  const code = findValue(value, CODE_KEYS);
  const requestId = findValue(value, REQUEST_ID_KEYS);
  if (code !== undefined) surfaced.code = code;
  if (requestId !== undefined) surfaced.requestId = requestId;
  if (value instanceof Error) surfaced.message = redactText(value.message).slice(0, 300);
  if (outcome === 'returned') surfaced.preview = previewOf(value, redactText);
  return surfaced;
}

export function hung(durationMs: number): Surfaced {
  return { outcome: 'hung', type: 'none', properties: [], durationMs };
}

function findValue(root: unknown, keys: ReadonlySet<string>): FoundValue | undefined {
  let level: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  const seen = new Set<unknown>();
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const next: { value: unknown; path: string }[] = [];
    for (const { value, path } of level) {
      if (typeof value !== 'object' || value === null || seen.has(value)) continue;
      seen.add(value);
      for (const name of ownNames(value)) {
        const child = read(value, name);
        const childPath = path === '' ? name : `${path}.${name}`;
        if (keys.has(name.toLowerCase()) && isUsable(child)) return { value: child, at: childPath };
        next.push({ value: child, path: childPath });
      }
    }
    level = next;
  }
  return undefined;
}

function isUsable(value: unknown): value is string | number {
  return (typeof value === 'string' && value !== '') || typeof value === 'number';
}

function ownNames(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.getOwnPropertyNames(value).filter((name) => !SKIPPED.has(name) && !/^\d+$/.test(name));
}

function read(object: object, name: string): unknown {
  try {
    return (object as Record<string, unknown>)[name];
  } catch {
    // A getter that throws hides nothing we could use.
    return undefined;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const constructor: unknown = (value as { constructor?: unknown }).constructor;
  return typeof constructor === 'function' && constructor.name !== '' ? constructor.name : 'Object';
}

function previewOf(value: unknown, redactText: (text: string) => string): string {
  let text: string;
  try {
    text = stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  text = redactText(text);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** JSON.stringify as it behaves: undefined for undefined and functions, whatever its declared type says. */
const stringify = JSON.stringify as (value: unknown) => string | undefined;
