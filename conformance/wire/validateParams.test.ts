import { describe, expect, it } from 'vitest';
import { paramValidators, parseJsonBody } from './validateParams.ts';

describe('parseJsonBody', () => {
  it('accepts a valid body that contains U+FFFD itself, and rejects invalid UTF-8 and invalid JSON', () => {
    expect(parseJsonBody(Buffer.from('{"TaskName":"\uFFFD"}'))).toEqual({ ok: true, value: { TaskName: '\uFFFD' } });
    expect(parseJsonBody(Buffer.from([0x7b, 0x7d, 0xff]))).toEqual({ ok: false });
    // A UTF-16 surrogate encoded as UTF-8, and an overlong encoding of "/": both invalid.
    expect(parseJsonBody(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]))).toEqual({ ok: false });
    expect(parseJsonBody(Buffer.from([0x22, 0xc0, 0xaf, 0x22]))).toEqual({ ok: false });
    expect(parseJsonBody(Buffer.from('{"JobId":'))).toEqual({ ok: false });
  });
});

describe('paramValidators', () => {
  it('compiles once per process and keeps no state between calls', () => {
    expect(paramValidators()).toBe(paramValidators());
    const validate = paramValidators().TerminateTaskInstance;
    const bad = validate.json({ JobId: 'job-00000000', TaskName: 'A' });
    expect(validate.json({ JobId: 'job-00000000', TaskName: 'A', TaskInstanceIndex: 0 })).toMatchObject({ ok: true });
    expect(validate.json({ JobId: 'job-00000000', TaskName: 'A' })).toEqual(bad);
    expect(bad).toMatchObject({ ok: false, code: 'MissingParameter' });
  });
});
