import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../generated/actions.ts';
import { compareWithSdk } from './compareWithSdk.ts';
import { explainDrift, readAcceptedDrift } from './explainDrift.ts';
import { parseSdkModels } from './parseSdkModels.ts';
import { readSdkExtract } from './sdkExtract.ts';

describe('spec/ against the official SDK models (npm run drift)', () => {
  it('has no unexplained difference and no stale entry in spec/drift.yaml', async () => {
    const verdict = explainDrift(compareWithSdk(ACTIONS, (await readSdkExtract()).models), await readAcceptedDrift());
    expect(verdict.unexplained).toEqual([]);
    expect(verdict.stale).toEqual([]);
    expect(verdict.explained.length).toBeGreaterThan(0);
  });
});

describe('compareWithSdk', () => {
  const models = parseSdkModels(`
    export interface ThingRequest {
        Id: string;
        Count?: number;
        Items?: Array<Item>;
    }
    export interface Item {
        /**
         * A name.
  注意：此字段可能返回 null，表示取不到有效值。
         */
        Name?: string;
    }
    export interface ThingResponse {
        RequestId?: string;
    }`);
  const response = {
    anyOf: [
      { properties: { Response: { type: 'object', properties: { RequestId: { type: 'string' }, Error: false } } } },
      { properties: { Response: { type: 'object', required: ['Error'] } } },
    ],
  };
  const request = (properties: Record<string, unknown>, required = ['Id']) => ({
    type: 'object',
    required,
    properties,
  });
  const items = { type: 'array', items: { type: 'object', properties: { Name: { type: ['string', 'null'] } } } };
  const compare = (schema: unknown) => compareWithSdk({ Thing: { request: schema, response } }, models);

  it('reads the SDK declaration: optional by `?`, nullable by its note', () => {
    expect(models['Item']?.['Name']).toEqual({ type: 'string', optional: true, nullable: true });
    expect(models['ThingRequest']?.['Id']).toEqual({ type: 'string', optional: false, nullable: false });
  });

  it('finds nothing when the spec says what the SDK says', () => {
    expect(compare(request({ Id: { type: 'string' }, Count: { type: 'integer' }, Items: items }))).toEqual([]);
  });

  it('finds a missing field, an extra one, a wrong type, a wrong required and a wrong nullable, nested too', () => {
    const drifts = compare(
      request(
        {
          Id: { type: ['string', 'null'] },
          Count: { type: 'string' },
          Items: { ...items, items: { type: 'object', properties: {} } },
          Extra: { type: 'boolean' },
        },
        [],
      ),
    );
    expect(drifts.map((d) => `${d.kind} ${d.path}`)).toEqual([
      'required Thing request: Id',
      'nullable Thing request: Id',
      'type Thing request: Count',
      'missing-in-spec Thing request: Items[].Name',
      'extra-in-spec Thing request: Extra',
    ]);
  });
});
