import { NOT_FOUND } from '../../emulator/createBatchState.ts';
import { ID_PATTERNS } from '../../../generated/actions.ts';
import type { ApiRequest } from '../../wire/parseApiRequest.ts';
import { readPayload } from '../../wire/validateParams.ts';
import { errorAnswer, isRecord, type Behaviour } from './LiveRequest.ts';

/** The laxer JobId rule: any `job-` followed by 1–32 lowercase alphanumerics is well-formed. */
const LAX_JOB_ID = /^job-[a-z0-9]{1,32}$/;
const KIT_JOB_ID = new RegExp(ID_PATTERNS.JobId);
/** A JobId of the kit's form, standing in for a laxly formed one while the other parameters are validated. */
const WELL_FORMED_STAND_IN = 'job-00000000';

/** The same business parameters with another JobId, on the same wire form. */
function withJobId(
  payload: ApiRequest['payload'],
  sent: Record<string, unknown>,
  jobId: string,
): ApiRequest['payload'] {
  return payload.form === 'flat'
    ? { form: 'flat', params: { ...payload.params, JobId: jobId } }
    : { ...payload, body: Buffer.from(JSON.stringify({ ...sent, JobId: jobId })) };
}

/**
 * A JobId rule laxer than the kit's (decision D-01, `^job-[a-z0-9]{8}$`): a 7- or 9-character JobId is simply unknown —
 * ResourceNotFound.TaskInstance, .Job or .Task by action — once its other parameters pass; anything outside `job-`
 * plus 1–32 lowercase alphanumerics is still malformed (the wrapped emulator says so).
 */
export function laxJobIds(): Behaviour {
  return (request, next) => {
    const { call } = request;
    if (call === undefined || call.action === 'SubmitJob' || call.jobId === undefined) return next();
    const sent = call.reading.sent;
    if (!isRecord(sent) || KIT_JOB_ID.test(call.jobId) || !LAX_JOB_ID.test(call.jobId)) return next();
    const others = readPayload(call.action, withJobId(call.api.payload, sent, WELL_FORMED_STAND_IN)).outcome;
    return Promise.resolve(errorAnswer(others.ok ? NOT_FOUND[call.action].code : others.code));
  };
}
