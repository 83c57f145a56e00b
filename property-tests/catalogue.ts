import { tti01 } from './invariants/tti01.ts';
import { tti02 } from './invariants/tti02.ts';
import { tti03 } from './invariants/tti03.ts';
import { tti04 } from './invariants/tti04.ts';
import { tti05 } from './invariants/tti05.ts';
import { tti06 } from './invariants/tti06.ts';
import { tti07 } from './invariants/tti07.ts';
import { tti08 } from './invariants/tti08.ts';
import { tti09 } from './invariants/tti09.ts';
import { tti10 } from './invariants/tti10.ts';
import { tti11 } from './invariants/tti11.ts';
import { tti12 } from './invariants/tti12.ts';
import { tti13 } from './invariants/tti13.ts';
import { tti14 } from './invariants/tti14.ts';
import { tti15 } from './invariants/tti15.ts';
import { tti16 } from './invariants/tti16.ts';
import { tti17 } from './invariants/tti17.ts';
import { tti18 } from './invariants/tti18.ts';
import { ttiModel } from './invariants/ttiModel.ts';

/** The invariant catalogue, in id order. Ids are part of the public contract. */
export const CATALOGUE = [
  tti01,
  tti02,
  tti03,
  tti04,
  tti05,
  tti06,
  tti07,
  tti08,
  tti09,
  tti10,
  tti11,
  tti12,
  tti13,
  tti14,
  tti15,
  tti16,
  tti17,
  tti18,
  ttiModel,
] as const;

/** One invariant of the catalogue, as the runner checks it. */
export type CatalogueInvariant = (typeof CATALOGUE)[number];

/** Every invariant id, derived from the catalogue (the one list of them). */
export type InvariantId = (typeof CATALOGUE)[number]['id'];
export const INVARIANT_IDS: readonly InvariantId[] = CATALOGUE.map((i) => i.id);

export function isInvariantId(value: string): value is InvariantId {
  return (INVARIANT_IDS as readonly string[]).includes(value);
}
