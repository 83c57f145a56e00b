import { isDeepStrictEqual } from 'node:util';
import type { ActionName } from '../../generated/actions.ts';
import { paramValidators } from '../wire/validateParams.ts';
import { preview, type RequestProblem, type ValidatedRequest } from '../wire/validateRequest.ts';

/** What the client under test was asked to send. */
export interface Given {
  action: ActionName;
  params: Readonly<Record<string, unknown>>;
  region: string;
}

/**
 * client-check's own judgement on top of the wire's: a request must carry what the client was given. A value the
 * client was deliberately given (a malformed JobId, say) is not the client's fault, so the wire's verdict on the
 * body is kept only when it differs from the verdict on what the client was given; a changed action, region or
 * parameter value is reported as the client's fault.
 */
export function compareWithGiven(validated: ValidatedRequest, given: Given): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const body = validated.body;
  const verdictOnGiven = paramValidators()[given.action].json(given.params);
  for (const problem of validated.problems) {
    const sameAsGiven =
      problem.verdict === true &&
      body !== undefined &&
      !body.verdict.ok &&
      !verdictOnGiven.ok &&
      verdictOnGiven.code === body.verdict.code &&
      verdictOnGiven.message === body.verdict.message;
    if (!sameAsGiven) problems.push(problem);
  }
  const add = (check: RequestProblem['check'], message: string): void => {
    problems.push({ check, message });
  };

  if (validated.common !== undefined) {
    const [actionName, actionValue] = validated.common.action;
    if (actionValue !== given.action)
      add('request.common-params', `${actionName} is "${actionValue ?? ''}", not ${given.action}`);
    const [regionName, regionValue] = validated.common.region;
    if (regionValue !== undefined && regionValue.trim() !== '' && regionValue !== given.region) {
      add('request.region', `${regionName} is "${regionValue}"; the client was given region "${given.region}"`);
    }
  }

  const sent = body?.sent;
  if (body === undefined || sent === undefined) return problems;
  for (const [name, value] of Object.entries(given.params)) {
    if (!Object.hasOwn(sent, name)) {
      if (body.verdict.ok || body.verdict.code !== 'MissingParameter')
        add('request.body', `${name} is missing, though the client was given ${preview(value)}`);
      continue;
    }
    const sentValue = sent[name];
    const faithful = body.form === 'json' ? isDeepStrictEqual(sentValue, value) : sentValue === flatText(value);
    const typeAlreadyReported = validated.problems.some((p) => p.param === name);
    if (!faithful && !typeAlreadyReported) {
      add('request.body', `${name} is sent as ${preview(sentValue)}; the client was given ${preview(value)}`);
    }
  }
  return problems;
}

/** How a given value travels in a query or form body (reference §2.5): numbers and booleans as their JSON text. */
function flatText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
