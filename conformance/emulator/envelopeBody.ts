import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '../../generated/errorCodes.ts';

/**
 * The API's answer body, `{"Response":{...data,"RequestId":"<fresh UUID>"}}`, in one place for the emulator and its
 * node:http adapter. Built as text: spares copying `data` into a wrapping object per answer.
 */
export function successBody(data: Readonly<Record<string, unknown>>): string {
  const fields = JSON.stringify(data);
  const requestId = `"RequestId":"${randomUUID()}"}}`;
  return fields === '{}' ? `{"Response":{${requestId}` : `{"Response":${fields.slice(0, -1)},${requestId}`;
}

/** `{"Response":{"Error":{"Code","Message"},"RequestId"}}`: every documented error, whoever answers it. */
export function errorBody(code: ErrorCode, message: string): string {
  return successBody({ Error: { Code: code, Message: message } });
}
