import { describe, expect, it } from 'vitest';
import { checkRetryRate } from './checkRetryRate.ts';

describe('checkRetryRate', () => {
  it('accepts one request, and two within a second (the documented 2/s)', () => {
    expect(checkRetryRate([], 2, 'TerminateTaskInstance')).toEqual([]);
    expect(checkRetryRate([1000], 2, 'TerminateTaskInstance')).toEqual([]);
    expect(checkRetryRate([1000, 1001], 2, 'TerminateTaskInstance')).toEqual([]);
  });

  it('accepts retries spaced so that no sliding second holds more than two', () => {
    expect(checkRetryRate([0, 500, 1000, 1500, 2000], 2, 'TerminateTaskInstance')).toEqual([]);
  });

  it('reports a third request inside one sliding second, with the offsets', () => {
    expect(checkRetryRate([5000, 5400, 5999], 2, 'TerminateTaskInstance')).toEqual([
      'sent 3 requests within one second for a single call (at +0 ms, +400 ms, +999 ms); TerminateTaskInstance allows 2/s, so retries must back off',
    ]);
  });

  it('finds a burst that starts after the first request, whatever the arrival order', () => {
    const [message] = checkRetryRate([3000, 0, 3100, 3200], 2, 'TerminateTaskInstance');
    expect(message).toContain('sent 3 requests within one second for a single call (at +3000 ms, +3100 ms, +3200 ms)');
  });
});
