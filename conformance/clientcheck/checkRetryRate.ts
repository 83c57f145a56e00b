/**
 * Whether the requests one call put on the wire stay within the action's documented rate, "2 requests/second"
 * for TerminateTaskInstance (reference §1.4), in any sliding second of wall time: more than that is a retry loop
 * that would itself be throttled with RequestLimitExceeded. Returns one sentence per burst, none when within.
 */
export function checkRetryRate(arrivalsMs: readonly number[], perSecond: number, action: string): string[] {
  const times = [...arrivalsMs].sort((a, b) => a - b);
  const first = times[0];
  if (first === undefined) return [];
  for (let start = 0; start + perSecond < times.length; start++) {
    const from = times[start] ?? 0;
    const burstEnd = times[start + perSecond] ?? 0;
    if (burstEnd - from < 1000) {
      const burst = times.slice(start).filter((t) => t - from < 1000);
      return [
        `sent ${burst.length} requests within one second for a single call (at ${burst.map((t) => `+${Math.round(t - first)} ms`).join(', ')}); ${action} allows ${perSecond}/s, so retries must back off`,
      ];
    }
  }
  return [];
}
