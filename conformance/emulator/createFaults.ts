import type { ErrorCode } from '../../generated/errorCodes.ts';

/**
 * Injected faults, for testing how clients cope (control plane `/_emulator/faults`):
 * - `error`: answer with a documented error code (default InternalError) instead of processing; nothing changes;
 * - `latency`: delay the answer by `ms` of wall time (client timeouts are wall-clock);
 * - `http-status`: a transport-level failure, HTTP `status` (default 500) with a plain-text body;
 * - `non-json`: HTTP 200 with a body that is not JSON.
 * A fault applies to one action or all, with a probability (default 1) and for the next `count` calls (default all).
 */
export interface FaultSpec {
  kind: 'error' | 'latency' | 'http-status' | 'non-json';
  action?: string;
  code?: ErrorCode;
  ms?: number;
  status?: number;
  probability?: number;
  count?: number;
}

export interface Fault extends FaultSpec {
  id: number;
}

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
