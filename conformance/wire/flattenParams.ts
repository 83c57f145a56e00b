/**
 * The wire form of nested parameters for GET queries and v1 form bodies (reference §2.5): "Arrays are indexed from 0
 * and nested fields are joined with dots", e.g. `Job.Tasks.0.Application.Command=sleep 10`.
 *
 * `null` and `undefined` are left out, as both Node SDKs do (`mergeData`). Numbers and booleans become their JSON text.
 * A top-level scalar (only a deliberately malformed request has one) becomes the empty name.
 */
export function flattenParams(value: unknown): Record<string, string> {
  const entries: [string, string][] = [];
  collect(value, '', entries);
  // Why fromEntries: it defines own properties, so a name like `__proto__` stays a plain key.
  return Object.fromEntries(entries);
}

function collect(value: unknown, name: string, entries: [string, string][]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collect(item, join(name, String(index)), entries);
    });
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collect(item, join(name, key), entries);
  } else if (typeof value === 'string') {
    entries.push([name, value]);
  } else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    entries.push([name, String(value)]);
  }
}

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}
