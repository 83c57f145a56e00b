import { bundle, createConfig } from '@redocly/openapi-core';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

const documents = await listActionDocuments();

describe.each(documents)('spec/$file', ({ file }) => {
  it('has request and response examples, and every one validates against its schema', async () => {
    const examples = await collectExamples(file);
    expect(examples.some((e) => e.where.includes(' request '))).toBe(true);
    expect(examples.some((e) => e.where.includes(' 200 '))).toBe(true);
    const ajv = createAjv();
    const failures = examples.flatMap((e) => {
      const validate = ajv.compile(e.schema);
      return validate(e.value) ? [] : [`${e.where}: ${ajv.errorsText(validate.errors)}`];
    });
    expect(failures).toEqual([]);
  });

  it('serves an example for each documented error code, keyed by the code', async () => {
    const examples = await collectExamples(file);
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
  });
});
