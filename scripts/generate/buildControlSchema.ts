import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isObject, type YamlObject } from './specFiles.ts';

/** The control plane's request shapes, hand-authored; its spec-derived $defs are placeholders this module fills. */
export const CONTROL_SCHEMA_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  'conformance',
  'control',
  'control.schema.json',
);

/** The facts of spec/ the control schema refers to, as the generator computed them in this run. */
export interface SpecFacts {
  docRevisions: readonly string[];
  actionNames: readonly string[];
  errorCodes: readonly string[];
  envIdPattern: string;
}

/**
 * Per placeholder $def: what ajv checks (written into generated/control.schema.json) and the TypeScript type the
 * generated types name instead. Why the spec's own types and not a copy: generated/ already has one type per such fact
 * (DocRevision, ActionName, ErrorCode), and two types for one fact would drift apart in readers' minds.
 */
function placeholders(facts: SpecFacts): Record<string, { schema: YamlObject; tsType: string }> {
  return {
    DocRevision: { schema: { enum: facts.docRevisions }, tsType: 'DocRevision' },
    ActionName: { schema: { enum: facts.actionNames }, tsType: 'ActionName' },
    ErrorCode: { schema: { enum: facts.errorCodes }, tsType: 'ErrorCode' },
    EnvId: { schema: { type: 'string', pattern: facts.envIdPattern }, tsType: 'string' },
    ActionRateLimits: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(facts.actionNames.map((a) => [a, { $ref: '#/$defs/RateLimit' }])),
      },
      tsType: 'Partial<Record<ActionName, number>>',
    },
  };
}

/** The imports the generated types need for the placeholders' tsTypes. */
export const CONTROL_TYPES_IMPORTS =
  `import type { ActionName } from './actions.ts';\n` +
  `import type { ErrorCode } from './errorCodes.ts';\n` +
  `import type { DocRevision } from './transitions.ts';\n`;

export interface ControlSchemas {
  /** For ajv (generated/control.schema.json): the placeholders filled in, json-schema-to-typescript's hints dropped. */
  validation: YamlObject;
  /** For json-schema-to-typescript: references to the placeholders replaced by the spec's own types. */
  typing: YamlObject;
  /** The fault kinds in the schema's order, for a `const` beside the types. */
  faultKinds: string[];
}

export async function buildControlSchema(facts: SpecFacts): Promise<ControlSchemas> {
  const where = 'conformance/control/control.schema.json';
  const source: unknown = JSON.parse(await readFile(CONTROL_SCHEMA_FILE, 'utf8'));
  if (!isObject(source) || !isObject(source.$defs)) throw new Error(`${where}: $defs must be an object`);
  const defs = source.$defs;
  const fills = placeholders(facts);
  for (const name of Object.keys(fills)) {
    const def = defs[name];
    if (!isObject(def) || Object.keys(def).some((k) => k !== '$comment')) {
      throw new Error(
        `${where}: $defs.${name} is written by \`npm run generate\`; leave it a placeholder with a $comment`,
      );
    }
  }
  const faultKinds = isObject(defs.FaultKind) ? defs.FaultKind.enum : undefined;
  if (!Array.isArray(faultKinds) || !faultKinds.every((k): k is string => typeof k === 'string')) {
    throw new Error(`${where}: $defs.FaultKind.enum must be a list of strings`);
  }

  const filledDefs = Object.fromEntries(
    Object.entries(defs).map(([name, def]) => {
      const fill = fills[name];
      return [name, fill === undefined ? def : { ...(def as YamlObject), ...fill.schema }];
    }),
  );
  const validation = withoutKey({ ...source, $defs: filledDefs }, 'tsType');

  const typingDefs = Object.fromEntries(Object.entries(defs).filter(([name]) => fills[name] === undefined));
  const typing = replaceRefs({ ...source, $defs: typingDefs }, (ref) => {
    const fill = fills[ref.replace('#/$defs/', '')];
    return fill === undefined ? undefined : { tsType: fill.tsType };
  });
  return { validation, typing: typing as YamlObject, faultKinds };
}

/** A deep copy of `value` without any property named `key`. */
function withoutKey(value: YamlObject, key: string): YamlObject {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === key ? undefined : v))) as YamlObject;
}

/** A deep copy of `value` where each `{ $ref, ...rest }` that `replace` answers for becomes `{ ...rest, ...answer }`. */
function replaceRefs(value: unknown, replace: (ref: string) => YamlObject | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => replaceRefs(v, replace));
  if (!isObject(value)) return value;
  const { $ref, ...rest } = value;
  const replacement = typeof $ref === 'string' ? replace($ref) : undefined;
  const copy = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, replaceRefs(v, replace)]));
  return replacement === undefined ? { ...($ref === undefined ? {} : { $ref }), ...copy } : { ...copy, ...replacement };
}
