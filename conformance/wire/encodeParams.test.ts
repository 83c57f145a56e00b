import { describe, expect, it } from 'vitest';
import { decodeParams } from './decodeParams.ts';
import { encodeEveryByte, encodeParams } from './encodeParams.ts';

describe('encodeParams', () => {
  it('percent-encodes each value once, RFC 3986 style', () => {
    expect(encodeParams({ A: "a b+c'é", B: '0x1' })).toBe('A=a%20b%2Bc%27%C3%A9&B=0x1');
  });

  it('encodes the named values byte by byte, which any decoder reads as the same value', () => {
    const text = encodeParams({ TaskInstanceIndex: '0x1', JobId: 'job-a' }, new Set(['TaskInstanceIndex']));
    expect(text).toBe('TaskInstanceIndex=%30%78%31&JobId=job-a');
    expect(decodeParams(text)).toEqual({ TaskInstanceIndex: '0x1', JobId: 'job-a' });
    expect(encodeEveryByte('é ')).toBe('%C3%A9%20');
  });
});
