import { describe, expect, it } from 'vitest';
import { decodeParams, readFlatParams } from './decodeParams.ts';
import { encodeParams } from './encodeParams.ts';
import { flattenParams } from './flattenParams.ts';

describe('decodeParams', () => {
  it('decodes percent-escapes and + as a space, once', () => {
    expect(decodeParams('Signature=EliP9YW3pW28FpsEdkXt%2F%2BWcGeI%3D&Command=sleep+10')).toEqual({
      Signature: 'EliP9YW3pW28FpsEdkXt/+WcGeI=',
      Command: 'sleep 10',
    });
  });

  it('keeps the first of repeated names and treats __proto__ as a plain name', () => {
    const params = decodeParams('A=1&A=2&__proto__=x');
    expect(params['A']).toBe('1');
    expect(Object.hasOwn(params, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
  });

  it('reads a form POST from its body and a GET from its query', () => {
    const form = {
      method: 'POST',
      url: '/?Ignored=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: Buffer.from('Action=DescribeJob'),
    };
    expect(readFlatParams(form)).toEqual({ Action: 'DescribeJob' });
    expect(readFlatParams({ ...form, method: 'GET', body: Buffer.alloc(0) })).toEqual({ Ignored: '1' });
  });

  it('round-trips what encodeParams writes, including characters the URL parser would re-encode', () => {
    const params = { "Name'(*)!": "it's ~ 任务 & = + %", Empty: '' };
    expect(decodeParams(encodeParams(params))).toEqual(params);
    expect(encodeParams(params)).not.toMatch(/[!'()*]/);
    expect(new URL(`http://h/?${encodeParams(params)}`).search.slice(1)).toBe(encodeParams(params));
  });
});

describe('flattenParams', () => {
  it('indexes arrays from 0 and joins nested names with dots, leaving out nulls', () => {
    expect(
      flattenParams({
        JobIds: ['job-rybewp57', 'job-97zcl3wt'],
        Job: { Tasks: [{ Application: { Command: 'sleep 10' }, MaxRetryCount: 1, Skip: null }] },
        DryRun: false,
      }),
    ).toEqual({
      'JobIds.0': 'job-rybewp57',
      'JobIds.1': 'job-97zcl3wt',
      'Job.Tasks.0.Application.Command': 'sleep 10',
      'Job.Tasks.0.MaxRetryCount': '1',
      DryRun: 'false',
    });
  });
});
