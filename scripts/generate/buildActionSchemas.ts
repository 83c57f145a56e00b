import { bundle, createConfig } from '@redocly/openapi-core';
import { join } from 'node:path';
import { SPEC_DIR, get, isObject } from './specFiles.ts';

export interface ActionSchemas {
  action: string;
  request: object;
  response: object;
  rateLimitPerSecond: number;
  /** Where the rate limit comes from; emitted as the doc comment of `rateLimitPerSecond`. */
  rateLimitSource: string;
  /** `info.version`: the API version the document describes. */
  version: string;
  /** The credential-scope service: the first label of the first server's host (reference §4.1, `<svc>.tencentcloudapi.com`). */
  service: string;
  /** Keys of the 200 response's `examples`, minus `Success`: the codes this action documents. */
  errorCodes: string[];
  /** Error examples by code, checked to name the code they are keyed by. */
  errorExamples: Record<string, { summary: string; kind: string; value: unknown }>;
}

const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Bundles one action document with every $ref resolved, and pulls out what ajv, the emulator and the docs need. */
export async function buildActionSchemas(action: string, file: string): Promise<ActionSchemas> {
  const config = await createConfig({});
  const result = await bundle({ ref: join(SPEC_DIR, file), config, dereference: true });
  if (result.problems.length > 0) {
    throw new Error(`spec/${file}: ${result.problems.map((p) => p.message).join('; ')}`);
  }
  const doc: unknown = result.bundle.parsed;
  const version = get(doc, ['info', 'version'], file);
  const servers = get(doc, ['servers'], file);
  const server: unknown = Array.isArray(servers) ? servers[0] : undefined;
  const url = isObject(server) ? server['url'] : undefined;
  const service = typeof url === 'string' && URL.canParse(url) ? new URL(url).hostname.split('.')[0] : undefined;
  if (typeof version !== 'string' || service === undefined || service === '') {
    throw new Error(
      `spec/${file}: needs info.version and a first server URL such as https://batch.tencentcloudapi.com`,
    );
  }
  const post = get(doc, ['paths', '/', 'post'], file);
  const requestSchema = get(post, ['requestBody', 'content', 'application/json', 'schema'], file);
  const ok = get(post, ['responses', '200', 'content', 'application/json'], file);
  const responseSchema = get(ok, ['schema'], file);
  const examples = get(ok, ['examples'], file);
  const rate = get(post, ['x-tbc-rate-limit'], file);
  if (!isObject(examples) || !isObject(rate) || !isObject(requestSchema) || !isObject(responseSchema)) {
    throw new Error(`spec/${file}: request schema, response schema, examples and x-tbc-rate-limit must be objects`);
  }
  const errorExamples: ActionSchemas['errorExamples'] = {};
  for (const [key, example] of Object.entries(examples)) {
    if (key === 'Success') continue;
    const code = get(example, ['value', 'Response', 'Error', 'Code'], `${file} example ${key}`);
    if (code !== key) throw new Error(`spec/${file}: example ${key} carries code ${String(code)}`);
    const summary = get(example, ['summary'], `${file} example ${key}`);
    const kind = get(example, ['x-tbc-kind'], `${file} example ${key}`);
    if (typeof summary !== 'string' || (kind !== 'common' && kind !== 'batch')) {
      throw new Error(`spec/${file}: example ${key} needs a summary and x-tbc-kind common|batch`);
    }
    errorExamples[key] = { summary, kind, value: get(example, ['value'], key) };
  }
  const perSecond = rate['perSecond'];
  const source = rate['source'];
  // Why no `*/`: the source becomes a doc comment in generated/actions.ts.
  if (typeof perSecond !== 'number' || typeof source !== 'string' || source.includes('*/')) {
    throw new Error(`spec/${file}: x-tbc-rate-limit needs perSecond and source (without */)`);
  }
  return {
    action,
    request: { $schema: SCHEMA_DIALECT, title: `${action} request`, ...requestSchema },
    response: { $schema: SCHEMA_DIALECT, title: `${action} response`, ...responseSchema },
    rateLimitPerSecond: perSecond,
    rateLimitSource: source,
    version,
    service,
    errorCodes: Object.keys(errorExamples),
    errorExamples,
  };
}
