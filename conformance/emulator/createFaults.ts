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
  return new ArmedFaults(random);
}

class ArmedFaults implements Faults {
  private faults: Fault[] = [];
  private nextId = 1;

  constructor(private readonly random: Random) {}

  add(spec: FaultSpec): Fault {
    const fault = { ...spec, id: this.nextId++ };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  draw(action: string): Fault[] {
    if (this.faults.length === 0) return [];
    const fired = this.faults.filter(
      (f) => (f.action === undefined || f.action === action) && (f.probability ?? 1) > this.random.next(),
    );
    for (const f of fired) if (f.count !== undefined) f.count--;
    this.faults = this.faults.filter((f) => f.count === undefined || f.count > 0);
    return fired;
  }

  save(): SavedFaults {
    return { faults: this.faults, nextId: this.nextId };
  }

  restore(saved: SavedFaults): void {
    this.faults = saved.faults;
    this.nextId = saved.nextId;
  }
}
