import { isRecord, type Behaviour } from './LiveRequest.ts';
import { isForeignJob } from './foreignJobs.ts';

/** One request as the double saw it: the action and JobId when it could read them, and what it answered. */
export interface SeenRequest {
  action: string | undefined;
  jobId: string | undefined;
  /** `Success`, or the error code answered. */
  outcome: string;
}

/**
 * A TerminateTaskInstance or TerminateJob naming a job of someone else: the kit must never send one. Recorded once the
 * signature verifies, whatever the answer (even when the region or the rate limit refused it): sending it is the fault.
 */
export interface ForeignTermination {
  action: 'TerminateTaskInstance' | 'TerminateJob';
  jobId: string;
  /** The business parameters as sent. */
  params: unknown;
}

/** What a double saw, as the recording behaviour keeps it. */
export interface RequestRecord {
  readonly requests: readonly SeenRequest[];
  /** JobIds of the jobs SubmitJob created, in order. */
  readonly createdJobIds: readonly string[];
  /** Created jobs that an accepted TerminateJob named, each once. */
  readonly terminatedJobIds: readonly string[];
  readonly foreignTerminations: readonly ForeignTermination[];
  /** Whether SubmitJob created this job (the account's own, not someone else's). */
  isOwn: (jobId: string) => boolean;
}

/** Records every request (action, JobId, outcome), the jobs created, those an accepted TerminateJob named, and foreign terminations. */
export function recordRequests(): { behaviour: Behaviour; record: RequestRecord } {
  const requests: SeenRequest[] = [];
  const created = new Set<string>();
  const createdJobIds: string[] = [];
  const terminatedJobIds: string[] = [];
  const foreignTerminations: ForeignTermination[] = [];
  const isOwn = (jobId: string): boolean => created.has(jobId);

  const behaviour: Behaviour = async (request, next) => {
    const { call } = request;
    const seen: SeenRequest = { action: request.action, jobId: call?.jobId, outcome: '' };
    requests.push(seen);
    const terminating = call?.action === 'TerminateTaskInstance' || call?.action === 'TerminateJob';
    if (call !== undefined && terminating && isForeignJob(call.jobId, isOwn)) {
      foreignTerminations.push({
        action: call.action as ForeignTermination['action'],
        jobId: call.jobId,
        params: call.reading.sent,
      });
    }
    const answer = await next();
    const error = answer.response['Error'];
    seen.outcome = isRecord(error) ? (typeof error['Code'] === 'string' ? error['Code'] : '') : 'Success';
    if (seen.outcome !== 'Success' || call === undefined) return answer;
    const jobId = answer.response['JobId'];
    if (call.action === 'SubmitJob' && typeof jobId === 'string') {
      created.add(jobId);
      createdJobIds.push(jobId);
    }
    if (
      call.action === 'TerminateJob' &&
      call.jobId !== undefined &&
      created.has(call.jobId) &&
      !terminatedJobIds.includes(call.jobId)
    ) {
      terminatedJobIds.push(call.jobId);
    }
    return answer;
  };
  return { behaviour, record: { requests, createdJobIds, terminatedJobIds, foreignTerminations, isOwn } };
}
