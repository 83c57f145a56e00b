/** A seeded random source whose whole state is one number, so a checkpoint can save it and a restore put it back. */
export interface Random {
  next(): number;
  /** mulberry32's state: read it to save the sequence, write it to resume from there. */
  state: number;
}

/** A small seeded PRNG (mulberry32), so ids and probabilistic faults repeat for a given `--seed`. */
export function createRandom(seed: number): Random {
  const random: Random = {
    state: seed >>> 0,
    next() {
      random.state = (random.state + 0x6d2b79f5) >>> 0;
      let t = random.state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
  return random;
}

/**
 * A tenant's default seed: the emulator's seed mixed with the tenant id (FNV-1a), so a tenant's ids depend on who it
 * is, never on how many tenants were created before it.
 */
export function seedFor(emulatorSeed: number, tenantId: string): number {
  let hash = 0x811c9dc5 ^ emulatorSeed;
  for (let i = 0; i < tenantId.length; i++) hash = Math.imul(hash ^ tenantId.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
