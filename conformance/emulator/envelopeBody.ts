import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '../../generated/errorCodes.ts';

/**
 * The API's answer body, `{"Response":{...fields,"RequestId":"<fresh UUID>"}}` (reference §4.4), in one place for
 * the emulator and its node:http adapter: a success carries the action's output fields, an error `{Error}`. Built as
 * text: spares copying `fields` into a wrapping object per answer.
 */
export function envelopeBody(fields: Readonly<Record<string, unknown>>): string {
  const text = JSON.stringify(fields);
  const requestId = `"RequestId":"${randomUUID()}"}}`;
  return text === '{}' ? `{"Response":{${requestId}` : `{"Response":${text.slice(0, -1)},${requestId}`;
}

/** `{"Response":{"Error":{"Code","Message"},"RequestId"}}`: every documented error, whoever answers it. */
export function errorBody(code: ErrorCode, message: string): string {
  return envelopeBody({ Error: { Code: code, Message: message } });
}
