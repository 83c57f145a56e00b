import ts from 'typescript';

/** One field of an SDK model, as its TypeScript declaration says. */
export interface SdkField {
  /** `string`, `number`, `boolean`, another model's name, or `Array<…>` of one of those. */
  type: string;
  /** Declared with `?`: the SDK lets a caller leave it out (every response field is optional there). */
  optional: boolean;
  /** Its doc comment says it may come back as null ("此字段可能返回 null", "may return null"). */
  nullable: boolean;
}

export type SdkModels = Record<string, Record<string, SdkField>>;

const NULLABLE_NOTE = /可能返回\s*null|may return `?null/i;

/** Every `export interface` of an SDK models file (`batch_models.d.ts`), field by field. */
export function parseSdkModels(source: string): SdkModels {
  const file = ts.createSourceFile('batch_models.d.ts', source, ts.ScriptTarget.Latest, true);
  const models: SdkModels = {};
  for (const statement of file.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const fields: Record<string, SdkField> = {};
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member) || member.type === undefined) continue;
      const comment = ts
        .getLeadingCommentRanges(source, member.pos)
        ?.map((range) => source.slice(range.pos, range.end))
        .join('\n');
      fields[member.name.getText(file)] = {
        type: member.type.getText(file).replace(/\s+/g, ''),
        optional: member.questionToken !== undefined,
        nullable: NULLABLE_NOTE.test(comment ?? ''),
      };
    }
    models[statement.name.text] = fields;
  }
  return models;
}

/** The models reachable from `roots` (e.g. `TerminateTaskInstanceRequest`), following field types; the rest dropped. */
export function reachableModels(models: SdkModels, roots: readonly string[]): SdkModels {
  const kept: SdkModels = {};
  const visit = (name: string): void => {
    const model = models[name];
    if (model === undefined || name in kept) return;
    kept[name] = model;
    for (const field of Object.values(model)) visit(elementType(field.type));
  };
  for (const root of roots) {
    if (!(root in models)) throw new Error(`the SDK has no model ${root}`);
    visit(root);
  }
  return Object.fromEntries(Object.entries(kept).sort(([a], [b]) => a.localeCompare(b)));
}

/** `Array<Tag>` → `Tag`; anything else as it is. */
export function elementType(type: string): string {
  const match = /^Array<(.+)>$/.exec(type);
  return match?.[1] ?? type;
}
