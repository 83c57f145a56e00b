import { describe, expect, it } from 'vitest';
import { inspectSurfaced } from './inspectSurfaced.ts';

class SdkError extends Error {
  requestId = '5b8f3a1e-0000-4000-8000-000000000001';
  code = 'InternalError';
}

describe('inspectSurfaced', () => {
  it('finds `code` and `requestId` on an Error subclass, and names its constructor', () => {
    const surfaced = inspectSurfaced('threw', new SdkError('boom'), 12);
    expect(surfaced).toMatchObject({
      outcome: 'threw',
      type: 'SdkError',
      code: { value: 'InternalError', at: 'code' },
      requestId: { value: '5b8f3a1e-0000-4000-8000-000000000001', at: 'requestId' },
      message: 'boom',
      durationMs: 12,
    });
  });

  it('finds Go-style `Response.Error.Code` and `Response.RequestId` in a nested object', () => {
    const surfaced = inspectSurfaced('threw', { Response: { Error: { Code: 'X' }, RequestId: 'r-1' } }, 1);
    expect(surfaced.code).toEqual({ value: 'X', at: 'Response.Error.Code' });
    expect(surfaced.requestId).toEqual({ value: 'r-1', at: 'Response.RequestId' });
  });

  it('prefers the shallowest match and looks through `cause`', () => {
    const error = new Error('outer', { cause: { code: 'Inner', requestId: 'deep' } });
    Object.assign(error, { errorCode: 'Outer' });
    const surfaced = inspectSurfaced('threw', error, 1);
    expect(surfaced.code).toEqual({ value: 'Outer', at: 'errorCode' });
    expect(surfaced.requestId).toEqual({ value: 'deep', at: 'cause.requestId' });
  });

  it('ignores empty values, as the SDKs leave `requestId: ""` on transport errors', () => {
    const surfaced = inspectSurfaced('threw', Object.assign(new Error('x'), { requestId: '', code: undefined }), 1);
    expect(surfaced.code).toBeUndefined();
    expect(surfaced.requestId).toBeUndefined();
  });

  it('previews a returned value and survives cycles and throwing getters', () => {
    const value: Record<string, unknown> = { RequestId: 'r' };
    value['self'] = value;
    Object.defineProperty(value, 'bad', {
      get() {
        throw new Error('no');
      },
    });
    const surfaced = inspectSurfaced('returned', value, 1);
    expect(surfaced.requestId).toEqual({ value: 'r', at: 'RequestId' });
    expect(surfaced.preview).toBe('[object Object]');
    expect(inspectSurfaced('returned', undefined, 1)).toMatchObject({ type: 'undefined', preview: 'undefined' });
  });
});
