import fc from 'fast-check';
import type { EnvelopeFact } from '../../conformance/client/CallResult.ts';
import { mixedCallArb } from '../arbitraries/callMixArb.ts';
import { defineInvariant } from '../defineInvariant.ts';
import type { Expectation } from '../Expectation.ts';
import { decision, reference, seed } from '../Provenance.ts';
import { sendMixedCall } from './callMix.ts';
import type { CallResult } from '../../conformance/client/CallResult.ts';
import { COMMON_PARAM_FAULTS, commonParamValuesArb } from '../arbitraries/commonParamFaultArb.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';
import { unknownJobCandidatesArb } from '../arbitraries/malformedJobIdArb.ts';
import { expectOutcome, findUnknownJob } from '../expectations.ts';
import { RunSkipped } from '../Violation.ts';

/** The envelope facts TTI-10 owns (TTI-11 owns the RequestId's form), in the order a broken answer is reported. */
const OWNED = [
  'http-status',
  'content-type',
  'response-object',
  'request-id-present',
  'error-code',
  'error-message',
  'output',
] as const satisfies readonly EnvelopeFact[];

export const tti10 = defineInvariant({
  id: 'TTI-10',
  title:
    'Every answer, to every action the kit calls, is HTTP 200 JSON with a Response object and a RequestId; errors carry a documented Error.Code and an Error.Message; successes carry the documented output parameters; where the common codes leave no choice, the exact one (unknown Action: InvalidAction, another Version: NoSuchVersion, no Action, Version or Timestamp: MissingParameter).',
  source:
    'Output parameters: "RequestId | String | The unique request ID which is returned for each request." (seed); reference §4.4.',
  requires: [],
  seesBrokenAnswers: true,
  expectations: {
    'http-status': { statement: 'Every answer, errors included, is HTTP 200.', provenance: decision('D-16') },
    'content-type': {
      statement: 'Every answer is sent as application/json.',
      provenance: reference('reference §4.4', 'HTTP/1.1 200 OK, Content-Type: application/json'),
    },
    'response-object': {
      statement: 'Every call gets a JSON body with a Response object.',
      provenance: reference('reference §4.4', 'Success: {"Response": {<action fields>..., "RequestId": "<uuid>"}}'),
    },
    'request-id-present': {
      statement: 'Every Response carries a RequestId string.',
      provenance: seed('The unique request ID which is returned for each request.'),
    },
    'error-code': {
      statement: 'An error carries an Error.Code the action documents (its own codes or the common ones).',
      provenance: seed('Only the error codes related to this API are listed below.'),
    },
    'error-message': {
      statement: 'An error carries an Error.Message string.',
      provenance: reference('reference §4.4', 'Error: {"Response": {"Error": {"Code": "<code>", "Message": "<text>"}'),
    },
    output: {
      statement: "A success carries the action's documented output parameters with their types.",
      provenance: reference("reference §1.1, §2.1–§2.3 (each action's output parameters)"),
    },
    exactCode: {
      statement:
        'An unknown Action is answered InvalidAction, another Version NoSuchVersion, a missing Action, Version or Timestamp MissingParameter.',
      provenance: reference('reference §3.2', 'InvalidAction | The API (action) does not exist'),
    },
  },
  // The answers every call gets are judged on a random mix; the common-parameter faults with one documented code each
  // are covered in every wire form.
  cells: () => [{ exact: COMMON_PARAM_FAULTS, form: WIRE_FORMS }],
  arbitrary: (h) =>
    fc.record({
      calls: fc.array(mixedCallArb(h.capabilities.has('state')), { minLength: 1, maxLength: 8 }),
      values: commonParamValuesArb,
      candidates: unknownJobCandidatesArb(h.capabilities),
    }),
  async run(h, { calls, exact, form, values, candidates }, expect) {
    for (const call of calls) {
      for (const result of await sendMixedCall(h, call)) {
        if (result.kind === 'transport') {
          h.check(expect['response-object'], false, `a ${call.kind} call got no answer: ${result.reason}`);
          continue;
        }
        for (const fact of OWNED) {
          const broken = result.breaks.filter((b) => b.fact === fact);
          // A broken constraint that is a kit decision (a JobId's form, say) is judged as that decision.
          const expectation: Expectation =
            broken[0]?.decision === undefined
              ? expect[fact]
              : { ...expect[fact], provenance: decision(broken[0].decision) };
          h.check(
            expectation,
            broken.length === 0,
            `a ${call.kind} call (${result.action}) got an answer that breaks the envelope: ${broken.map((b) => b.message).join('; ')}`,
          );
        }
      }
    }
    // Aimed at a job the target proves unknown: a target that ignored the fault must still harm nobody.
    const fault = exact.make(values);
    // Without a job the target proves unknown, the run has judged its envelopes only, and says what it did not send.
    const unknown = h.capabilities.has('state') ? { jobId: candidates[0] } : await findUnknownJob(h, candidates);
    const jobId = 'jobId' in unknown ? unknown.jobId : undefined;
    if (jobId === undefined) {
      // Said without the candidates' ids, so the report lists each such fact once.
      h.cannotObserve(
        `the exact code of a ${form.label} call with ${exact.label} (no JobId proven unknown to aim it at)`,
      );
      return;
    }
    let result: CallResult<string>;
    try {
      result = await h.raw({
        action: 'TerminateTaskInstance',
        params: { JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 },
        scheme: form.scheme,
        method: form.method,
        malformations: [fault.malformation],
      });
    } catch (error) {
      if (!(error instanceof RunSkipped)) throw error;
      h.cannotObserve(`the exact code of a ${form.label} call with ${exact.label} (not sent: the live-safety guard)`);
      return;
    }
    expectOutcome(h, expect.exactCode, result, [fault.expect], `a ${form.label} call with ${fault.what}`);
  },
});
