import fc from 'fast-check';
import type { CallResult } from '../../conformance/client/CallResult.ts';
import type { Malformation } from '../../conformance/client/Malformation.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, requireUnknownJob, runningTwins } from '../expectations.ts';
import { unknownJobCandidatesArb } from '../arbitraries/malformedJobIdArb.ts';
import {
  BAD_TASK_NAMES,
  COMMON_AS_EXTRA,
  EXTRA_NAMES,
  INDEX_TEXTS,
  INTEGER_CONFUSIONS,
  OUT_OF_RANGE,
  REQUIRED_PARAMS,
  STRING_CONFUSIONS,
  TEXT_ENCODINGS,
  type Confusion,
  type IndexText,
} from '../arbitraries/parameterFaults.ts';
import { decision, reference } from '../Provenance.ts';
import { FLAT_FORMS, TC3_POST, WIRE_FORMS, type WireForm } from '../coverage/WireForm.ts';
import type { DimensionGroup } from '../coverage/planCells.ts';
import { member, describeRef } from '../InstanceRef.ts';
import { outcomeOf } from '../outcomeOf.ts';
import { settle } from '../reachState.ts';

/** What is wrong with the request, cell by cell: one group of dimensions per kind of defect. */
type Defect =
  | { defect: 'missing'; param: string; form: WireForm }
  | { defect: 'wrong type'; param: string; value: Confusion; form: WireForm }
  | { defect: 'integer text'; text: IndexText; form: WireForm; encoding: (typeof TEXT_ENCODINGS)[number] }
  | { defect: 'out of range'; value: number; form: WireForm }
  | { defect: 'task name'; value: Confusion; form: WireForm }
  | { defect: 'extra'; param: string; form: WireForm };

const TC3_FORMS = WIRE_FORMS.filter((f) => f.scheme === 'TC3');

/** Codes that refuse a request for its parameters (not for what it names). */
const PARAMETER_CODES: readonly string[] = ['MissingParameter', 'InvalidParameter', 'InvalidParameterValue'];

export const tti12 = defineInvariant({
  id: 'TTI-12',
  title:
    'A missing required parameter gives MissingParameter; a wrong type or value gives InvalidParameter or InvalidParameterValue; a query or form integer is read as decimal digits only; nothing changes.',
  source:
    'Input parameters: "JobId | Yes | String | Job ID", "TaskName | Yes | String | Task name", "TaskInstanceIndex | Yes | Integer | Task instance index" (seed)',
  requires: [],
  expectations: {
    missing: {
      statement: 'A request without a required parameter is answered MissingParameter.',
      provenance: reference('reference §3.2', 'MissingParameter | A required parameter is missing'),
    },
    'wrong-type': {
      statement:
        'A parameter of another JSON type (a digit string for the index included) is answered InvalidParameter or InvalidParameterValue.',
      provenance: reference('reference §3.2', 'InvalidParameter | Parameter error (format, type, …)'),
    },
    'wrong-value': {
      statement:
        'A TaskInstanceIndex outside the int64 range 0 … 2^63−1 is answered InvalidParameter or InvalidParameterValue.',
      provenance: decision('D-03'),
    },
    'integer-text': {
      statement:
        'In a query or form, TaskInstanceIndex is decimal digits with an optional leading minus: such a text names its number, anything else (hex, exponent, spaces, a plus, a fraction, empty) is answered InvalidParameter, however it is percent-encoded.',
      provenance: decision('D-22'),
    },
    'beyond-precision': {
      statement:
        'A query or form index in the int64 range but past 2^53−1 is not refused for its form, and names no instance: nothing changes.',
      provenance: decision('D-23'),
    },
    'task-name': {
      statement: 'An empty TaskName or one over 128 characters is answered InvalidParameter or InvalidParameterValue.',
      provenance: decision('D-02'),
    },
    extra: {
      statement: 'A parameter the action does not have is answered UnknownParameter (or InvalidParameter).',
      provenance: decision('D-10'),
    },
    unchanged: { statement: 'The rejected call changes nothing.', provenance: decision('D-28') },
  },
  cells: (): readonly DimensionGroup<Defect>[] => [
    { defect: ['missing'], param: REQUIRED_PARAMS, form: WIRE_FORMS },
    // JSON types exist only in a JSON body: type confusion is a TC3 POST fact; flat forms carry text (below).
    { defect: ['wrong type'], param: ['TaskInstanceIndex'], value: INTEGER_CONFUSIONS, form: [TC3_POST] },
    { defect: ['wrong type'], param: ['JobId', 'TaskName'], value: STRING_CONFUSIONS, form: [TC3_POST] },
    { defect: ['integer text'], text: INDEX_TEXTS, form: FLAT_FORMS, encoding: TEXT_ENCODINGS },
    { defect: ['out of range'], value: OUT_OF_RANGE, form: [TC3_POST] },
    { defect: ['task name'], value: BAD_TASK_NAMES, form: WIRE_FORMS },
    { defect: ['extra'], param: EXTRA_NAMES, form: WIRE_FORMS },
    // v1 carries the common Region among the parameters, so an extra one there would be the real one.
    { defect: ['extra'], param: [COMMON_AS_EXTRA], form: TC3_FORMS },
  ],
  arbitrary: (h) =>
    fc.record({
      extraJson: fc.jsonValue(),
      extraText: fc.string({ maxLength: 20 }),
      candidates: unknownJobCandidatesArb(h.capabilities),
    }),
  async run(h, input, expect) {
    // With state, the defective call aims at a real RUNNING instance (index 1, its twin index 0): processing it anyway
    // would terminate it. Without state, it names a job the target proves nonexistent: the defect is the only fault.
    const twins = await runningTwins(h);
    const jobId = twins?.task.jobId ?? (await requireUnknownJob(h, input.candidates));
    const taskName = twins?.task.taskName ?? 'A';
    const valid = { JobId: jobId, TaskName: taskName, TaskInstanceIndex: 1 };
    const { form } = input;
    const send = (params: Record<string, unknown>, malformations: Malformation[] = []): Promise<CallResult<string>> =>
      h.raw({
        action: 'TerminateTaskInstance',
        params,
        scheme: form.scheme,
        method: form.method,
        malformations,
      });
    const about = (what: string, params: unknown): string =>
      `a request with ${what} (${form.label}: ${JSON.stringify(params)})`;
    let result: CallResult<string>;
    switch (input.defect) {
      case 'missing': {
        const params = Object.fromEntries(Object.entries(valid).filter(([name]) => name !== input.param));
        result = await send(params);
        expectOutcome(h, expect.missing, result, ['MissingParameter'], about(`missing ${input.param}`, params));
        break;
      }
      case 'wrong type': {
        const params = { ...valid, [input.param]: input.value.value };
        result = await send(params);
        const what = about(`wrong-type ${input.param} ${input.value.label}`, params);
        expectOutcome(h, expect['wrong-type'], result, ['InvalidParameter', 'InvalidParameterValue'], what);
        break;
      }
      case 'out of range': {
        const params = { ...valid, TaskInstanceIndex: input.value };
        result = await send(params);
        const what = about(`wrong-value TaskInstanceIndex ${input.value}`, params);
        expectOutcome(h, expect['wrong-value'], result, ['InvalidParameter', 'InvalidParameterValue'], what);
        break;
      }
      case 'task name': {
        const params = { ...valid, TaskName: input.value.value };
        result = await send(params);
        const what = about(`a TaskName that is ${input.value.label}`, params);
        expectOutcome(h, expect['task-name'], result, ['InvalidParameter', 'InvalidParameterValue'], what);
        break;
      }
      case 'extra': {
        // A flat form carries text; a JSON body any value (an empty object or list would vanish from a query).
        const value = form === TC3_POST ? input.extraJson : input.extraText;
        const params = { ...valid, [input.param]: value };
        result = await send(params);
        const what = about(`extra ${input.param}`, params);
        expectOutcome(h, expect.extra, result, ['UnknownParameter', 'InvalidParameter'], what);
        break;
      }
      case 'integer text': {
        const { text, encoding } = input;
        const params = { ...valid, TaskInstanceIndex: text.text };
        result = await send(
          params,
          encoding === 'every byte' ? [{ kind: 'encode-every-byte', name: 'TaskInstanceIndex' }] : [],
        );
        const what = about(
          `TaskInstanceIndex text ${text.label}${encoding === 'every byte' ? ', every byte percent-encoded' : ''}`,
          params,
        );
        if ('none' in text.means) {
          // In range, so not refused for its form; the code for an instance that does not exist is TTI-08's.
          const got = outcomeOf(result);
          h.check(expect['beyond-precision'], !PARAMETER_CODES.includes(got), `${what}: refused with ${got}`);
          break;
        }
        if ('code' in text.means) {
          const { code, decision: rule } = text.means;
          const expectation = rule === 'D-03' ? expect['wrong-value'] : expect['integer-text'];
          expectOutcome(h, expectation, result, [code], what);
          break;
        }
        // A text D-22 reads as a number names that instance: not refused for its form, and applied to that one.
        const got = outcomeOf(result);
        h.check(expect['integer-text'], !PARAMETER_CODES.includes(got), `${what}: refused with ${got}`);
        if (twins === undefined) return;
        const named = member(twins.task, text.means.index);
        const other = member(twins.task, 1 - text.means.index);
        const [end] = await settle(h, [named]);
        const otherNow = await h.stateOf(other);
        h.check(
          expect['integer-text'],
          end === 'FAILED' && otherNow === 'RUNNING',
          `${what}: ${describeRef(named)} (the instance it names) ended ${String(end)} and ${describeRef(other)} is ${otherNow}`,
        );
        return;
      }
    }
    if (twins === undefined) return;
    await expectLikeTwin(
      h,
      expect.unchanged,
      twins.twin,
      twins.touched,
      `${about(input.defect, valid)} changed an instance`,
    );
  },
});
