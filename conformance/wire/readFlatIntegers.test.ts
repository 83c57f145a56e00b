import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../generated/actions.ts';
import { findIntegerParams, readFlatIntegers } from './readFlatIntegers.ts';
import { paramValidators } from './validateParams.ts';

const VALID = { JobId: 'job-rybewp57', TaskName: 'A' };
const flat = (index: string) => paramValidators().TerminateTaskInstance.flat({ ...VALID, TaskInstanceIndex: index });

describe('findIntegerParams', () => {
  it('finds the integers of a request schema, nested lists included', () => {
    expect(findIntegerParams(ACTIONS.TerminateTaskInstance.request)).toEqual(new Map([['TaskInstanceIndex', 'int64']]));
    const submit = findIntegerParams(ACTIONS.SubmitJob.request);
    expect([...submit.keys()]).toEqual(
      expect.arrayContaining(['Job.Tasks.#.TaskInstanceNum', 'Job.Tasks.#.MaxRetryCount', 'Job.Tasks.#.Timeout']),
    );
  });
});

describe('readFlatIntegers', () => {
  const integers = new Map([
    ['TaskInstanceIndex', 'int64'],
    ['Job.Tasks.#.TaskInstanceNum', undefined],
  ]);

  it('rewrites integers only, nested ones by their list position too', () => {
    expect(
      readFlatIntegers({ TaskInstanceIndex: '007', 'Job.Tasks.12.TaskInstanceNum': '0x2', JobId: '1e0' }, integers),
    ).toEqual({
      TaskInstanceIndex: '7',
      'Job.Tasks.12.TaskInstanceNum': '',
      JobId: '1e0',
    });
  });

  it('returns the parameters untouched when none is an integer', () => {
    const params = { JobId: 'job-rybewp57' };
    expect(readFlatIntegers(params, integers)).toBe(params);
  });
});

describe('integers on the query and form wire forms', () => {
  it.each(['0x1', ' 1', '1 ', '1e0', '+1', '1.0', '1.', '', '0b1', '0o1', 'Infinity', '１', '1_0', '--1', '-'])(
    'refuses %j as InvalidParameter, the code a JSON string gets',
    (text) => {
      expect(flat(text)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    },
  );

  it('reads decimal digits with an optional leading minus as the integer they write', () => {
    expect(flat('0')).toMatchObject({ ok: true, params: { TaskInstanceIndex: 0 } });
    expect(flat('007')).toMatchObject({ ok: true, params: { TaskInstanceIndex: 7 } });
    expect(flat('-0')).toMatchObject({ ok: true, params: { TaskInstanceIndex: 0 } });
    expect(flat('-1')).toMatchObject({ ok: false, code: 'InvalidParameterValue' });
  });

  it('takes the whole int64 range exactly and refuses one past either end as InvalidParameterValue', () => {
    expect(flat('9007199254740993')).toMatchObject({ ok: true });
    expect(flat('9223372036854775807')).toMatchObject({ ok: true });
    expect(flat('9223372036854775808')).toMatchObject({ ok: false, code: 'InvalidParameterValue' });
    expect(flat('99999999999999999999999')).toMatchObject({ ok: false, code: 'InvalidParameterValue' });
  });

  it('refuses in JSON what it refuses as text: a string, a fraction, a double at 2^63 or past it', () => {
    const json = (params: unknown) => paramValidators().TerminateTaskInstance.json(params);
    expect(json({ ...VALID, TaskInstanceIndex: '1' })).toMatchObject({ ok: false, code: 'InvalidParameter' });
    expect(json({ ...VALID, TaskInstanceIndex: 0.5 })).toMatchObject({ ok: false, code: 'InvalidParameter' });
    expect(json({ ...VALID, TaskInstanceIndex: 2 ** 63 })).toMatchObject({ ok: false, code: 'InvalidParameterValue' });
    expect(json({ ...VALID, TaskInstanceIndex: 2 ** 63 - 1024 })).toMatchObject({ ok: true });
  });

  it('never reads a string that is not decimal digits as an integer (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 24 }).filter((s) => !/^-?[0-9]+$/.test(s)),
        (text) => !flat(text).ok,
      ),
      { numRuns: 2000 },
    );
  });
});
