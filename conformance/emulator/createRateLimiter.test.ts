import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './createRateLimiter.ts';

describe('createRateLimiter', () => {
  const limiter = () => createRateLimiter((action) => (action === 'TerminateTaskInstance' ? 2 : undefined));

  it('lets 2 calls through in any second and refuses the third', () => {
    const l = limiter();
    expect([0, 10, 20].map((t) => l.allow('TerminateTaskInstance', 'AKID', t))).toEqual([true, true, false]);
    expect(l.allow('TerminateTaskInstance', 'AKID', 1_000)).toBe(true);
  });

  it('never refuses calls spaced at the limit', () => {
    const l = limiter();
    for (let t = 0; t < 10_000; t += 500) expect(l.allow('TerminateTaskInstance', 'AKID', t)).toBe(true);
  });

  it('counts each credential and each action separately, and leaves unlimited actions alone', () => {
    const l = limiter();
    expect(l.allow('TerminateTaskInstance', 'A', 0) && l.allow('TerminateTaskInstance', 'A', 0)).toBe(true);
    expect(l.allow('TerminateTaskInstance', 'B', 0)).toBe(true);
    expect(l.allow('TerminateTaskInstance', 'A', 0)).toBe(false);
    for (let i = 0; i < 100; i++) expect(l.allow('DescribeTask', 'A', 0)).toBe(true);
  });

  it('does not count refused calls, so a client that backs off gets through', () => {
    const l = limiter();
    l.allow('TerminateTaskInstance', 'A', 0);
    l.allow('TerminateTaskInstance', 'A', 600);
    for (let i = 0; i < 5; i++) expect(l.allow('TerminateTaskInstance', 'A', 900)).toBe(false);
    expect(l.allow('TerminateTaskInstance', 'A', 1_001)).toBe(true);
  });
});
