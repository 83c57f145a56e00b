import { isRecord, type Behaviour } from './LiveRequest.ts';

/** Fields a newer API version might add, which the spec does not know: one in every success `Response`, one in
 * every DescribeTask instance view. */
export const NEWER_API_FIELDS = { response: 'ApiRevision', instance: 'ComputeNodeZone' } as const;

/** Message texts unlike the emulator's: the kit must judge codes, never messages (reference §3.2). */
function liveMessage(code: string): string {
  return `[${code}] Your request could not be completed. Quote the RequestId when you contact support.`;
}

/**
 * The live service's wording and shape, applied to every answer: every `Error.Message` reworded (codes unchanged),
 * every success `Response` and every DescribeTask instance view with a field a newer API version might add
 * (NEWER_API_FIELDS), and RequestIds as UPPER-case UUIDs (the kit chose lowercase, decision D-13).
 */
export function liveWording(): Behaviour {
  return async (request, next) => {
    const out = await next();
    const response = { ...out.response };
    const error = response['Error'];
    if (isRecord(error)) {
      const code = typeof error['Code'] === 'string' ? error['Code'] : '';
      response['Error'] = { ...error, Message: liveMessage(code) };
    } else {
      response[NEWER_API_FIELDS.response] = '2026-08-01';
      const instances = response['TaskInstanceSet'];
      if (request.action === 'DescribeTask' && Array.isArray(instances)) {
        response['TaskInstanceSet'] = instances.map((i: unknown) =>
          isRecord(i) ? { ...i, [NEWER_API_FIELDS.instance]: 'ap-guangzhou-3' } : i,
        );
      }
    }
    const requestId = response['RequestId'];
    if (typeof requestId === 'string') response['RequestId'] = requestId.toUpperCase();
    return { ...out, response };
  };
}
