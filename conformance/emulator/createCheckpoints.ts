import type { WorldCheckpoint } from './createWorld.ts';

export interface StoredCheckpoint {
  readonly id: string;
  /** The tenant it was saved from. */
  readonly tenant: string;
  readonly world: WorldCheckpoint;
}

/** Saved worlds, kept by the emulator under ids (`cp-1`, ...) until deleted; tenants come and go independently. */
export interface Checkpoints {
  add(tenant: string, world: WorldCheckpoint): StoredCheckpoint;
  get(id: string): StoredCheckpoint | undefined;
  delete(id: string): boolean;
}

export function createCheckpoints(): Checkpoints {
  const stored = new Map<string, StoredCheckpoint>();
  let next = 1;
  return {
    add(tenant, world) {
      const checkpoint = { id: `cp-${next++}`, tenant, world };
      stored.set(checkpoint.id, checkpoint);
      return checkpoint;
    },
    get: (id) => stored.get(id),
    delete: (id) => stored.delete(id),
  };
}
