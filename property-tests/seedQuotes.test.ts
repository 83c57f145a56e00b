// Every quote that claims to be the seed's is the seed's exact words.
// Checked against the committed copy spec/seed-TerminateTaskInstance.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSITION_TABLE } from '../generated/transitions.ts';
import { CATALOGUE } from './catalogue.ts';

const SEED_DOCUMENT = readFileSync(join(import.meta.dirname, '..', 'spec', 'seed-TerminateTaskInstance.md'), 'utf8');
const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();
const SEED_TEXT = flat(SEED_DOCUMENT);
const isVerbatim = (quote: string): boolean => SEED_TEXT.includes(flat(quote));

/** A `source` names another document (a reference section, a decision, a derivation) when it says so. */
const CITES_ELSEWHERE = /reference §|\(D-\d{2}\)|Derived|transitions\.yaml/;

describe('quotes of the seed', () => {
  it.each(CATALOGUE.flatMap((i) => i.expectations.map((e) => [e.id, e] as const)))(
    '%s: a seed provenance quotes the seed verbatim',
    (_id, expectation) => {
      if (expectation.provenance.kind !== 'seed') return;
      expect(isVerbatim(expectation.provenance.quote), expectation.provenance.quote).toBe(true);
    },
  );

  it.each(CATALOGUE.map((i) => [i.id, i.source] as const))(
    '%s: its source is the seed verbatim, quotes it verbatim with "(seed)", or cites another document',
    (_id, source) => {
      if (source.includes('(seed)')) {
        const quoted = [...source.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '');
        expect(quoted.length).toBeGreaterThan(0);
        for (const q of quoted) expect(isVerbatim(q), q).toBe(true);
      } else if (!CITES_ELSEWHERE.test(source)) {
        expect(isVerbatim(source), source).toBe(true);
      }
    },
  );

  it.each(
    Object.values(TRANSITION_TABLE.revisions).flatMap((r) =>
      (r.rules as readonly { id: string; quote: string; from: string }[]).map((rule) => [rule.id, rule] as const),
    ),
  )('transition rule %s: a rule from the seed quotes it verbatim', (_id, rule) => {
    if (rule.from !== 'seed') return;
    expect(isVerbatim(rule.quote), rule.quote).toBe(true);
  });

  it('would catch a paraphrase', () => {
    expect(isVerbatim('For task instances in SUCCEED or FAILED state, no action is taken.')).toBe(false);
    expect(isVerbatim("For task instances with state SUCCEED or FAILED, Batch doesn't process them.")).toBe(true);
  });
});
