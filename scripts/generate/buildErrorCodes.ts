import type { ActionSchemas } from './buildActionSchemas.ts';

/**
 * The one error-code table: every code an action document lists, with the meaning its example gives. Which actions
 * list a code is `ACTIONS[action].errorCodes`, so it is not repeated here. Two documents that list the same code share
 * its example from common.yaml, so a differing meaning or kind is a spec bug.
 */
export function buildErrorCodes(actions: readonly ActionSchemas[]): Record<string, string> {
  const seen = new Map<string, { kind: string; description: string; action: string }>();
  for (const a of actions) {
    for (const [code, example] of Object.entries(a.errorExamples)) {
      const existing = seen.get(code);
      if (existing === undefined) {
        seen.set(code, { kind: example.kind, description: example.summary, action: a.action });
      } else if (existing.description !== example.summary || existing.kind !== example.kind) {
        throw new Error(`error code ${code} is described differently by ${existing.action} and ${a.action}`);
      }
    }
  }
  return Object.fromEntries(
    [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([code, { description }]) => [code, description]),
  );
}
