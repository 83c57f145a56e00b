/**
 * Text for any value, for a message: never throws, whatever it is given (an object without a prototype, a cycle, a
 * BigInt, a throwing toString). Why not `String(value)`: a thrown value or a counterexample is arbitrary data, and the
 * path that reports a failure must be the last one to fail.
 */
export function describeValue(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  try {
    return String(value);
  } catch {
    try {
      // JSON.stringify gives undefined for a function or a symbol, whatever its types say.
      const json = JSON.stringify(value) as string | undefined;
      return json ?? Object.prototype.toString.call(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
}
