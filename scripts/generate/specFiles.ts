import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

export const SPEC_DIR = join(import.meta.dirname, '..', '..', 'spec');
export const GENERATED_DIR = join(import.meta.dirname, '..', '..', 'generated');

/** A parsed YAML document; the generator checks every shape it relies on before using it. */
export type YamlObject = Record<string, unknown>;

export function isObject(value: unknown): value is YamlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function readYaml(file: string): Promise<YamlObject> {
  const parsed: unknown = parse(await readFile(join(SPEC_DIR, file), 'utf8'));
  if (!isObject(parsed)) throw new Error(`spec/${file} is not a YAML mapping`);
  return parsed;
}

export interface ActionDocument {
  action: string;
  file: string;
  /** `info.title`, or the action where the document has none. */
  title: string;
}

/** One OpenAPI document per action: every spec/*.yaml with a non-empty `paths` (common.yaml has none). */
export async function listActionDocuments(): Promise<ActionDocument[]> {
  const files = (await readdir(SPEC_DIR)).filter((f) => f.endsWith('.yaml')).sort();
  const actions: ActionDocument[] = [];
  for (const file of files) {
    const doc = await readYaml(file);
    if (typeof doc['openapi'] !== 'string' || !isObject(doc['paths'])) continue;
    const root = doc['paths']['/'];
    if (!isObject(root)) continue;
    const post = root['post'];
    if (!isObject(post) || typeof post['operationId'] !== 'string')
      throw new Error(`spec/${file}: POST / needs an operationId`);
    if (`${post['operationId']}.yaml` !== file) throw new Error(`spec/${file}: file must be named after its action`);
    const title = isObject(doc['info']) ? doc['info']['title'] : undefined;
    const action = post['operationId'];
    actions.push({ action, file, title: typeof title === 'string' ? title : action });
  }
  return actions;
}

export function get(value: unknown, path: readonly string[], what: string): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current) || !(key in current)) throw new Error(`${what}: missing ${path.join('.')}`);
    current = current[key];
  }
  return current;
}
