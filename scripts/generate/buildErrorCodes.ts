import type { ActionSchemas } from './buildActionSchemas.ts';

export interface ErrorCodeEntry {
  kind: 'common' | 'batch';
  description: string;
  actions: string[];
}

/**
 * The one error-code table: every code an action document lists, with the meaning its example gives.
 * Two documents that list the same code share its example from common.yaml, so a differing meaning is a spec bug.
 */
export function buildErrorCodes(actions: readonly ActionSchemas[]): Record<string, ErrorCodeEntry> {
  const table: Record<string, ErrorCodeEntry> = {};
  for (const a of actions) {
    for (const [code, example] of Object.entries(a.errorExamples)) {
      const kind = example.kind === 'common' ? 'common' : 'batch';
      const existing = table[code];
      if (existing === undefined) {
        table[code] = { kind, description: example.summary, actions: [a.action] };
      } else if (existing.description !== example.summary || existing.kind !== kind) {
        throw new Error(
          `error code ${code} is described differently by ${existing.actions.join(', ')} and ${a.action}`,
        );
      } else {
        existing.actions.push(a.action);
      }
    }
  }
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
}
