import { bundle, createConfig } from '@redocly/openapi-core';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS, isActionName } from '../../generated/actions.ts';
import { ERROR_CODES } from '../../generated/errorCodes.ts';
import { createAjv } from '../../conformance/schema/createAjv.ts';
import { SPEC_DIR, isObject, listActionDocuments } from './specFiles.ts';

interface Example {
  where: string;
  schema: object;
  value: unknown;
}

/** Every request and response example of an action document, with the schema it sits under. */
async function collectExamples(file: string): Promise<Example[]> {
  const result = await bundle({ ref: join(SPEC_DIR, file), config: await createConfig({}), dereference: true });
  const doc: unknown = result.bundle.parsed;
  const found: Example[] = [];
  const paths = isObject(doc) && isObject(doc['paths']) ? doc['paths'] : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!isObject(op)) continue;
      const media: [string, unknown][] = [];
      const body = op['requestBody'];
      if (isObject(body) && isObject(body['content']))
        media.push(...Object.entries(body['content']).map(([k, v]): [string, unknown] => [`request ${k}`, v]));
      const ok = isObject(op['responses']) ? op['responses']['200'] : undefined;
      if (isObject(ok) && isObject(ok['content']))
        media.push(...Object.entries(ok['content']).map(([k, v]): [string, unknown] => [`200 ${k}`, v]));
      for (const [where, m] of media) {
        if (!isObject(m) || !isObject(m['schema']) || !isObject(m['examples'])) continue;
        for (const [name, example] of Object.entries(m['examples'])) {
          if (!isObject(example)) continue;
          found.push({
            where: `${file} ${method.toUpperCase()} ${path} ${where} example ${name}`,
            schema: m['schema'],
            value: example['value'],
          });
        }
      }
    }
  }
  return found;
}

/** Reference §3.2: the API 3.0 common codes, which any action can answer. */
const COMMON_CODES = [
  'ActionOffline',
  'AuthFailure.InvalidAuthorization',
  'AuthFailure.InvalidSecretId',
  'AuthFailure.MFAFailure',
  'AuthFailure.SecretIdNotFound',
  'AuthFailure.SignatureExpire',
  'AuthFailure.SignatureFailure',
  'AuthFailure.TokenFailure',
  'AuthFailure.UnauthorizedOperation',
  'DryRunOperation',
  'FailedOperation',
  'InternalError',
  'InvalidAction',
  'InvalidParameter',
  'InvalidParameterValue',
  'InvalidRequest',
  'IpInBlacklist',
  'IpNotInWhitelist',
  'LimitExceeded',
  'MissingParameter',
  'NoSuchProduct',
  'NoSuchVersion',
  'RequestLimitExceeded',
  'RequestLimitExceeded.IPLimitExceeded',
  'RequestLimitExceeded.UinLimitExceeded',
  'RequestSizeLimitExceeded',
  'ResourceInUse',
  'ResourceInsufficient',
  'ResourceNotFound',
  'ResourceUnavailable',
  'ResponseSizeLimitExceeded',
  'ServiceUnavailable',
  'UnauthorizedOperation',
  'UnknownParameter',
  'UnsupportedOperation',
  'UnsupportedProtocol',
  'UnsupportedRegion',
];

/**
 * The action-specific codes each document must give an example for, copied from the reference (not from spec/, so
 * deleting an example from spec/ fails here, regenerated or not). A new action document needs its row here.
 */
const ACTION_CODES: Record<string, readonly string[]> = {
  // §1.3
  TerminateTaskInstance: [
    'InternalError',
    'InvalidParameter.JobIdMalformed',
    'ResourceNotFound.TaskInstance',
    'UnsupportedOperation.TerminateOperationWithEnvId',
  ],
  // §1.5
  TerminateJob: [
    'InternalError',
    'InvalidParameter.JobIdMalformed',
    'ResourceInUse.Job',
    'ResourceNotFound.Job',
    'UnsupportedOperation',
    'UnsupportedOperation.TerminateOperationWithEnvId',
  ],
  // §2.2
  DescribeJob: ['InternalError', 'InvalidParameter.JobIdMalformed', 'ResourceNotFound.Job'],
  // §2.3
  DescribeTask: ['InternalError', 'InvalidParameter.JobIdMalformed', 'ResourceNotFound.Task'],
  // §2.1: every code GO-CLIENT lists for SubmitJob, those of the fields outside the emulated subset too (a live
  // SubmitJob may answer them, and the kit validates live answers against the spec).
  SubmitJob: [
    'AllowedOneAttributeInEnvIdAndComputeEnv',
    'InternalError',
    'InternalError.CallCam',
    'InternalError.CallCvm',
    'InternalError.CallTagAPI',
    'InvalidParameter.CvmParameters',
    'InvalidParameter.EnvIdMalformed',
    'InvalidParameter.ImageIdMalformed',
    'InvalidParameter.InvalidParameterCombination',
    'InvalidParameter.JobDescriptionTooLong',
    'InvalidParameter.JobNameTooLong',
    'InvalidParameter.NotificationEventNameDuplicate',
    'InvalidParameter.NotificationTopicName',
    'InvalidParameter.NotificationTopicNameTooLong',
    'InvalidParameter.TaskName',
    'InvalidParameter.TaskNameTooLong',
    'InvalidParameterValue.ComputeEnv',
    'InvalidParameterValue.DependenceNotFoundTaskName',
    'InvalidParameterValue.DependenceUnfeasible',
    'InvalidParameterValue.InstanceTypeDuplicate',
    'InvalidParameterValue.InvalidDataTypeAny',
    'InvalidParameterValue.InvalidZoneMismatchRegion',
    'InvalidParameterValue.LimitExceeded',
    'InvalidParameterValue.LocalPath',
    'InvalidParameterValue.MaxRetryCount',
    'InvalidParameterValue.Negative',
    'InvalidParameterValue.NotFloat',
    'InvalidParameterValue.RemoteStoragePath',
    'InvalidParameterValue.RemoteStorageSchemeType',
    'InvalidParameterValue.TaskInstanceNum',
    'InvalidParameterValue.UnavailableZone',
    'InvalidZone.MismatchRegion',
    'LimitExceeded.JobQuota',
    'ResourceNotFound.ComputeEnv',
    'UnauthorizedOperation.UserNotAllowedToUseBatch',
  ],
};

/** Each document bundled once, for all the tests below. */
const documents = await Promise.all(
  (await listActionDocuments()).map(async (d) => ({ ...d, examples: await collectExamples(d.file) })),
);

it('pins the documented codes of exactly the actions spec/ has', () => {
  expect(Object.keys(ACTION_CODES).sort()).toEqual(documents.map((d) => d.action).sort());
});

describe.each(documents)('spec/$file', ({ action, examples }) => {
  it('has request and response examples, and every one validates against its schema', () => {
    expect(examples.some((e) => e.where.includes(' request '))).toBe(true);
    expect(examples.some((e) => e.where.includes(' 200 '))).toBe(true);
    const ajv = createAjv();
    const failures = examples.flatMap((e) => {
      const validate = ajv.compile(e.schema);
      return validate(e.value) ? [] : [`${e.where}: ${ajv.errorsText(validate.errors)}`];
    });
    expect(failures).toEqual([]);
  });

  it('serves an example for each documented error code, keyed by the code', () => {
    const codes = examples
      .filter((e) => e.where.includes(' 200 ') && !e.where.endsWith('example Success'))
      .map((e) => {
        const code =
          isObject(e.value) && isObject(e.value['Response']) && isObject(e.value['Response']['Error'])
            ? e.value['Response']['Error']['Code']
            : undefined;
        expect(e.where.endsWith(`example ${String(code)}`)).toBe(true);
        return String(code);
      });
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(Object.keys(ERROR_CODES)).toContain(code);

    // Every code the reference documents for this action, on the POST operation (the one the generator reads).
    const postCodes = new Set(
      examples
        .filter((e) => e.where.includes(' POST / 200 '))
        .map((e) => e.where.slice(e.where.lastIndexOf(' example ') + ' example '.length)),
    );
    const expected = [...COMMON_CODES, ...(ACTION_CODES[action] ?? [])];
    expect(expected.filter((code) => !postCodes.has(code))).toEqual([]);
    if (!isActionName(action)) expect.unreachable(`${action} is not in generated/actions.ts: run npm run generate`);
    expect(expected.filter((code) => !(ACTIONS[action].errorCodes as readonly string[]).includes(code))).toEqual([]);
  });
});
