import { elementType, type SdkField, type SdkModels } from './parseSdkModels.ts';

/** How spec/ and the SDK models differ at one field. */
export type DriftKind = 'missing-in-spec' | 'extra-in-spec' | 'type' | 'required' | 'nullable';

export interface Drift {
  /** `<Action> request: Job.Tasks[].TaskName` or `<Action> response: TaskInstanceSet[].ExitCode`. */
  path: string;
  kind: DriftKind;
  /** What each side says (`-` where the field is absent). */
  spec: string;
  sdk: string;
}

/** The request and response JSON Schemas of one action (generated/actions.ts), dereferenced. */
export interface ActionSchemas {
  request: unknown;
  response: unknown;
}

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const SDK_JSON_TYPES: Readonly<Record<string, readonly string[]>> = {
  string: ['string'],
  number: ['integer', 'number'],
  boolean: ['boolean'],
};

/**
 * Compares each action's request with the SDK's `<Action>Request` model and its success `Response` with
 * `<Action>Response`, field by field and through nested models: names, JSON types, required (the SDK's `?`) and
 * nullable (the SDK's "may return null" note).
 */
export function compareWithSdk(actions: Readonly<Record<string, ActionSchemas>>, models: SdkModels): Drift[] {
  const drifts: Drift[] = [];
  for (const [action, schemas] of Object.entries(actions)) {
    compareObject(schemas.request, `${action}Request`, `${action} request: `, models, drifts);
    compareObject(successResponse(schemas.response), `${action}Response`, `${action} response: `, models, drifts);
  }
  return drifts;
}

/** The `Response` object of the success envelope: the `anyOf` branch whose Response forbids `Error`. */
function successResponse(schema: unknown): unknown {
  const branches = isSchema(schema) && Array.isArray(schema['anyOf']) ? (schema['anyOf'] as unknown[]) : [];
  for (const branch of branches) {
    const response = propertiesOf(branch)['Response'];
    if (isSchema(response) && propertiesOf(response)['Error'] === false) return response;
  }
  throw new Error('a response schema without a success envelope (anyOf branch whose Response forbids Error)');
}

function compareObject(schema: unknown, modelName: string, prefix: string, models: SdkModels, out: Drift[]): void {
  const model = models[modelName];
  if (model === undefined) throw new Error(`the SDK extract has no model ${modelName}: run npm run drift:extract`);
  const properties = propertiesOf(schema);
  const required = new Set(
    isSchema(schema) && Array.isArray(schema['required']) ? (schema['required'] as string[]) : [],
  );
  for (const [name, field] of Object.entries(model)) {
    const path = `${prefix}${name}`;
    const property = properties[name];
    if (property === undefined || property === false) {
      out.push({ path, kind: 'missing-in-spec', spec: '-', sdk: describeField(field) });
      continue;
    }
    compareField(property, field, path, required.has(name), models, out);
  }
  for (const name of Object.keys(properties)) {
    if (!(name in model) && properties[name] !== false) {
      out.push({
        path: `${prefix}${name}`,
        kind: 'extra-in-spec',
        spec: typesOf(properties[name]).join('|'),
        sdk: '-',
      });
    }
  }
}

function compareField(
  schema: unknown,
  field: SdkField,
  path: string,
  specRequired: boolean,
  models: SdkModels,
  out: Drift[],
): void {
  if (specRequired === field.optional) {
    out.push({
      path,
      kind: 'required',
      spec: specRequired ? 'required' : 'optional',
      sdk: field.optional ? 'optional' : 'required',
    });
  }
  const types = typesOf(schema);
  const specNullable = types.includes('null');
  if (specNullable !== field.nullable) {
    out.push({
      path,
      kind: 'nullable',
      spec: specNullable ? 'nullable' : 'not null',
      sdk: field.nullable ? 'nullable' : 'not null',
    });
  }
  const element = elementType(field.type);
  const isArray = element !== field.type;
  const expected = isArray ? ['array'] : (SDK_JSON_TYPES[field.type] ?? ['object']);
  const specTypes = types.filter((t) => t !== 'null');
  if (specTypes.length === 0 || !specTypes.every((t) => expected.includes(t))) {
    out.push({ path, kind: 'type', spec: specTypes.join('|') || 'any', sdk: field.type });
    return;
  }
  const target = isArray ? itemsOf(schema) : schema;
  const itemPath = isArray ? `${path}[]` : path;
  if (element in models) {
    compareObject(target, element, `${itemPath}.`, models, out);
  } else if (isArray) {
    const itemTypes = typesOf(target).filter((t) => t !== 'null');
    const allowed = SDK_JSON_TYPES[element] ?? [];
    if (itemTypes.length === 0 || !itemTypes.every((t) => allowed.includes(t))) {
      out.push({ path: itemPath, kind: 'type', spec: itemTypes.join('|') || 'any', sdk: element });
    }
  }
}

function describeField(field: SdkField): string {
  return `${field.type}${field.optional ? '' : ', required'}${field.nullable ? ', nullable' : ''}`;
}

/** A schema's own branches (oneOf, anyOf, allOf) that are schemas, not `true`/`false`. */
function branchesOf(schema: Schema): Schema[] {
  return ['oneOf', 'anyOf', 'allOf'].flatMap((key) => {
    const list = schema[key];
    return Array.isArray(list) ? list.filter(isSchema) : [];
  });
}

/** Properties declared by the schema or by any of its branches (boolean schemas kept: `false` forbids a name). */
function propertiesOf(schema: unknown): Record<string, unknown> {
  if (!isSchema(schema)) return {};
  const own = isSchema(schema['properties']) ? schema['properties'] : {};
  const merged: Record<string, unknown> = {};
  for (const branch of branchesOf(schema)) {
    for (const [name, value] of Object.entries(propertiesOf(branch))) if (isSchema(value)) merged[name] ??= value;
  }
  return { ...merged, ...own };
}

function itemsOf(schema: unknown): unknown {
  if (!isSchema(schema)) return undefined;
  if (schema['items'] !== undefined) return schema['items'];
  return branchesOf(schema)
    .map((b) => b['items'])
    .find((items) => items !== undefined);
}

/** The JSON types a schema admits: `type`, `const`, `enum`, and its branches'. */
function typesOf(schema: unknown): string[] {
  if (!isSchema(schema)) return [];
  const found = new Set<string>();
  const type = schema['type'];
  for (const t of Array.isArray(type) ? type : [type]) if (typeof t === 'string') found.add(t);
  const values = 'const' in schema ? [schema['const']] : Array.isArray(schema['enum']) ? schema['enum'] : [];
  for (const v of values) found.add(v === null ? 'null' : Number.isInteger(v) ? 'integer' : typeof v);
  if (found.size === 0) for (const branch of branchesOf(schema)) for (const t of typesOf(branch)) found.add(t);
  return [...found].sort();
}
