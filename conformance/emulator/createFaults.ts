import type { Fault, FaultSpec } from '../control/controlPlane.ts';
import type { Random } from './createRandom.ts';

/** The armed faults of one tenant (kinds and fields: control/controlPlane.ts FAULT_KINDS, FaultSpec). */
export interface Faults {
  add(spec: FaultSpec): Fault;
  list(): Fault[];
  clear(): void;
  /** The faults that fire for this call (each consumes one of its `count`). */
  draw(action: string): Fault[];
  /** Everything a checkpoint needs (the caller copies it). */
  save(): SavedFaults;
  restore(saved: SavedFaults): void;
}

export interface SavedFaults {
  faults: Fault[];
  nextId: number;
}

export function createFaults(random: Random): Faults {
  let faults: Fault[] = [];
  let nextId = 1;
  return {
    add(spec) {
      const fault = { ...spec, id: nextId++ };
      faults.push(fault);
      return fault;
    },
    list: () => faults.map((f) => ({ ...f })),
    clear() {
      faults = [];
    },
    draw(action) {
      if (faults.length === 0) return [];
      const fired = faults.filter(
        (f) => (f.action === undefined || f.action === action) && (f.probability ?? 1) > random.next(),
      );
      for (const f of fired) if (f.count !== undefined) f.count--;
      faults = faults.filter((f) => f.count === undefined || f.count > 0);
      return fired;
    },
    save: () => ({ faults, nextId }),
    restore(saved) {
      faults = saved.faults;
      nextId = saved.nextId;
    },
  };
}
