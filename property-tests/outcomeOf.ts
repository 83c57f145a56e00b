import type { CallResult } from '../conformance/client/CallResult.ts';

/** `Success`, the error code, or what else came back — the one thing a check compares. */
export function outcomeOf(result: CallResult<string>): string {
  switch (result.kind) {
    case 'success':
      return 'Success';
    case 'error':
      return result.code;
    case 'unreadable':
      return `(an unreadable answer: ${result.breaks.map((b) => b.message).join('; ')})`;
    case 'transport':
      return `(no response: ${result.reason})`;
  }
}
