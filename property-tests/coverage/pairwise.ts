/**
 * A covering array of strength 2: rows of value indexes (one per dimension, `sizes[d]` values each) such that every
 * pair of values of every two dimensions appears in some row. Deterministic (no randomness: the same sizes give the
 * same rows on every run and seed), greedy in the AETG manner: each row starts from the first pair not yet covered and
 * takes, dimension by dimension, the value that covers most pairs still missing (the lowest index on a tie). With two
 * dimensions or fewer it is the full product, which is the smallest covering array there.
 */
export function pairwise(sizes: readonly number[]): number[][] {
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`pairwise: sizes must be ≥ 1, got ${sizes.join(", ")}`);
  if (sizes.length <= 2) return product(sizes);
  const key = (d1: number, v1: number, d2: number, v2: number): string => `${d1}:${v1}|${d2}:${v2}`;
  const missing = new Set<string>();
  for (let d1 = 0; d1 < sizes.length; d1++)
    for (let d2 = d1 + 1; d2 < sizes.length; d2++)
      for (let v1 = 0; v1 < (sizes[d1] as number); v1++)
        for (let v2 = 0; v2 < (sizes[d2] as number); v2++) missing.add(key(d1, v1, d2, v2));
  const rows: number[][] = [];
  while (missing.size > 0) {
    const [first] = missing;
    const [a, b] = (first as string).split('|').map((part) => part.split(':').map(Number)) as [number[], number[]];
    const row: (number | undefined)[] = sizes.map(() => undefined);
    row[a[0] as number] = a[1];
    row[b[0] as number] = b[1];
    for (let d = 0; d < sizes.length; d++) {
      if (row[d] !== undefined) continue;
      let best = 0;
      let bestGain = -1;
      for (let v = 0; v < (sizes[d] as number); v++) {
        let gain = 0;
        row.forEach((w, e) => {
          if (w !== undefined && e !== d && missing.has(e < d ? key(e, w, d, v) : key(d, v, e, w))) gain++;
        });
        if (gain > bestGain) [best, bestGain] = [v, gain];
      }
      row[d] = best;
    }
    const full = row as number[];
    for (let d1 = 0; d1 < full.length; d1++)
      for (let d2 = d1 + 1; d2 < full.length; d2++) missing.delete(key(d1, full[d1] as number, d2, full[d2] as number));
    rows.push(full);
  }
  return rows;
}

/** Every combination of value indexes, the last dimension varying fastest. */
export function product(sizes: readonly number[]): number[][] {
  return sizes.reduce<number[][]>((rows, n) => rows.flatMap((row) => Array.from({ length: n }, (_, v) => [...row, v])), [[]]);
}
