import { describe, expect, it } from 'vitest';
import { checkSurfaced, expectFromResponse } from './checkSurfaced.ts';
import { hung, inspectSurfaced } from './inspectSurfaced.ts';

const RID = '72e9a712-1fed-4b57-be72-62e71eefd4c3';
const json = (body: unknown, status = 200) => ({ status, headers: {}, body: JSON.stringify(body) });

describe('expectFromResponse', () => {
  it('reads success, API error and the transport failures from the answer (reference §4.4)', () => {
    expect(expectFromResponse(json({ Response: { RequestId: RID } }))).toEqual({ kind: 'success', requestId: RID });
    expect(expectFromResponse(json({ Response: { Error: { Code: 'InternalError' }, RequestId: RID } }))).toEqual({
      kind: 'api-error',
      code: 'InternalError',
      requestId: RID,
    });
    expect(expectFromResponse(json({ Response: { RequestId: RID } }, 500))).toEqual({
      kind: 'transport',
      reason: 'an HTTP 500 answer',
    });
    expect(expectFromResponse({ status: 200, headers: {}, body: '<html>' }).kind).toBe('transport');
    expect(expectFromResponse(json({ nope: 1 })).kind).toBe('transport');
  });
});

describe('checkSurfaced', () => {
  const apiError = { kind: 'api-error', code: 'InternalError', requestId: RID } as const;

  it('passes an error carrying the code and the RequestId', () => {
    const thrown = Object.assign(new Error('x'), { code: 'InternalError', requestId: RID });
    expect(checkSurfaced(apiError, inspectSurfaced('threw', thrown, 1), 100)).toEqual([]);
  });

  it('names a wrong code, a missing code and a missing RequestId', () => {
    const wrong = Object.assign(new Error('x'), { code: 'FailedOperation', requestId: 'other' });
    expect(checkSurfaced(apiError, inspectSurfaced('threw', wrong, 1), 100)).toEqual([
      `threw code="FailedOperation"; the response's code was InternalError`,
      `threw requestId="other"; the response's RequestId was ${RID}`,
    ]);
    const bare = checkSurfaced(apiError, inspectSurfaced('threw', new Error('x'), 1), 100);
    expect(bare[0]).toBe(
      'threw Error without the error code InternalError: no code/Code/errorCode property on it (own properties: message)',
    );
    expect(bare[1]).toBe(`threw Error without the response's RequestId ${RID}: no requestId/RequestId property on it`);
  });

  it('fails a transport failure surfaced as success or with a documented API code, and passes any other error', () => {
    const transport = { kind: 'transport', reason: 'an HTTP 500 answer' } as const;
    expect(checkSurfaced(transport, inspectSurfaced('returned', { ok: true }, 1), 100)).toEqual([
      'returned {"ok":true} for an HTTP 500 answer: a transport failure must surface as an error, not as success',
    ]);
    const fake = Object.assign(new Error('x'), { code: 'InternalError' });
    expect(checkSurfaced(transport, inspectSurfaced('threw', fake, 1), 100)[0]).toContain('so that code is made up');
    const system = Object.assign(new Error('x'), { code: 'ECONNRESET' });
    expect(checkSurfaced(transport, inspectSurfaced('threw', system, 1), 100)).toEqual([]);
  });

  it('fails a success surfaced as an error, and a hung client whatever was expected', () => {
    const success = { kind: 'success', requestId: RID } as const;
    expect(checkSurfaced(success, inspectSurfaced('returned', { RequestId: RID }, 1), 100)).toEqual([]);
    expect(checkSurfaced(success, inspectSurfaced('threw', new Error('nope'), 1), 100)).toEqual([
      `threw Error ("nope") although the response was a success (RequestId ${RID})`,
    ]);
    expect(checkSurfaced(success, hung(1400), 100)).toEqual([
      'the client did not settle within 1400 ms although it was given timeoutMs 100',
    ]);
  });
});
