/**
 * Rebuilds nested parameters from the flat wire form of GET queries and v1 form bodies (reference §2.5):
 * `Job.Tasks.0.Application.Command=sleep 10` → `{ Job: { Tasks: [{ Application: { Command: 'sleep 10' } }] } }`.
 * Numeric segments are array indexes, from 0 without gaps. Values stay strings; schema validation coerces them.
 */
export type Unflattened = { ok: true; value: Record<string, unknown> } | { ok: false; name: string; reason: string };

type Node = Record<string, unknown> | unknown[];

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function unflattenParams(flat: Readonly<Record<string, string>>): Unflattened {
  const root: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flat)) {
    const segments = name.split('.');
    if (segments.some((s) => s === '' || FORBIDDEN.has(s)))
      return { ok: false, name, reason: 'is not a valid parameter name' };
    let node: Node = root;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] as string;
      const last = i === segments.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(segments[i + 1] as string);
      // `node` is a list only when this segment is digits (the step before chose a list because of it), so a
      // field name never indexes a list: mixed syntax shows up as a conflict below.
      const key: string | number = Array.isArray(node) ? Number(segment) : segment;
      const existing: unknown = (node as Record<string | number, unknown>)[key];
      if (last) {
        if (existing !== undefined) return { ok: false, name, reason: 'is given twice or conflicts with another' };
        (node as Record<string | number, unknown>)[key] = value;
        break;
      }
      if (existing === undefined) {
        const child: Node = nextIsIndex ? [] : {};
        (node as Record<string | number, unknown>)[key] = child;
        node = child;
      } else if (typeof existing === 'object' && existing !== null && Array.isArray(existing) === nextIsIndex) {
        node = existing as Node;
      } else {
        return { ok: false, name, reason: 'conflicts with another parameter' };
      }
    }
  }
  const gap = findGap(root);
  return gap === undefined ? { ok: true, value: root } : { ok: false, name: gap, reason: 'skips a list index' };
}

/** Lists must be dense: `Tasks.1` without `Tasks.0` is a client bug, not a one-element list. */
function findGap(node: unknown, path = ''): string | undefined {
  const at = (key: string | number): string => (path === '' ? String(key) : `${path}.${key}`);
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const inner = i in node ? findGap(node[i], at(i)) : at(i);
      if (inner !== undefined) return inner;
    }
  } else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      const inner = findGap(v, at(k));
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}
