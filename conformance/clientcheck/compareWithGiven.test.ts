import { describe, expect, it } from 'vitest';
import type { RawRequest } from '../wire/RawExchange.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { NOW, PARAMS, tc3 } from '../test-only/tc3Request.ts';
import { validateRequest } from '../wire/validateRequest.ts';
import { compareWithGiven, type Given } from './compareWithGiven.ts';

const GIVEN: Given = { action: 'TerminateTaskInstance', params: PARAMS, region: 'ap-guangzhou' };
const compared = (raw: RawRequest, given: Given = GIVEN) =>
  compareWithGiven(validateRequest(raw, { docRevision: 'seed' }), given);

describe('compareWithGiven', () => {
  it('blames a changed value', () => {
    expect(compared(tc3({ ...PARAMS, TaskName: 'B' }))).toEqual([
      { check: 'request.body', message: 'TaskName is sent as "B"; the client was given "A"' },
    ]);
  });

  it('does not blame the client for a value it was given on purpose, which the wire alone reports', () => {
    const malformed = { ...PARAMS, JobId: 'job-BAD' };
    expect(compared(tc3(malformed), { ...GIVEN, params: malformed })).toEqual([]);
    const alone = validateRequest(tc3(malformed), { docRevision: 'seed' });
    expect(alone.problems[0]?.message).toContain('(the API answers InvalidParameter.JobIdMalformed)');
  });

  it('names a wrong JSON type once, not again as a changed value', () => {
    expect(compared(tc3({ ...PARAMS, TaskInstanceIndex: '0' }))).toEqual([
      {
        check: 'request.body',
        message: `TaskInstanceIndex is sent as a JSON string ("0"); the spec's type is integer`,
        param: 'TaskInstanceIndex',
      },
    ]);
  });

  it('blames another region or action than the one given', () => {
    expect(compared(tc3(PARAMS, { 'x-tc-region': 'ap-beijing' }))).toEqual([
      { check: 'request.region', message: 'X-TC-Region is "ap-beijing"; the client was given region "ap-guangzhou"' },
    ]);
    expect(compared(tc3(PARAMS, { 'x-tc-action': 'DescribeJob' }))).toContainEqual({
      check: 'request.common-params',
      message: 'X-TC-Action is "DescribeJob", not TerminateTaskInstance',
    });
  });

  it('compares v1 form values as the text they travel as', () => {
    const form = new URLSearchParams({
      JobId: 'job-rybewp57',
      TaskName: 'A',
      TaskInstanceIndex: '0',
      Action: 'TerminateTaskInstance',
      Nonce: '1',
      Timestamp: String(NOW),
      Version: '2017-03-12',
      Region: 'ap-guangzhou',
      SecretId: EXAMPLE_CREDENTIALS.secretId,
      Signature: 'x',
    });
    const raw = (f: URLSearchParams): RawRequest => ({
      method: 'POST',
      url: '/',
      headers: { host: '127.0.0.1:4310', 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(f.toString()),
    });
    expect(compared(raw(form))).toEqual([]);
    form.set('TaskInstanceIndex', '1');
    expect(compared(raw(form))).toEqual([
      { check: 'request.body', message: 'TaskInstanceIndex is sent as "1"; the client was given 0' },
    ]);
  });
});
