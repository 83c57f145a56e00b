import type { Fault, FaultSpec } from '../control/controlPlane.ts';

/** The armed faults of one emulator (kinds and fields: control/controlPlane.ts FAULT_KINDS, FaultSpec). */
export interface Faults {
  add(spec: FaultSpec): Fault;
  list(): Fault[];
  clear(): void;
  /** The faults that fire for this call (each consumes one of its `count`). */
  draw(action: string): Fault[];
}

export function createFaults(random: () => number): Faults {
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
        (f) => (f.action === undefined || f.action === action) && (f.probability ?? 1) > random(),
      );
      for (const f of fired) if (f.count !== undefined) f.count--;
      faults = faults.filter((f) => f.count === undefined || f.count > 0);
      return fired;
    },
  };
}
