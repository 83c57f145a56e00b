import { describe, expect, it } from 'vitest';
import { parseWorkload } from './parseWorkload.ts';

describe('parseWorkload', () => {
  it.each([
    ['sleep 30', 30_000, 0],
    ['exit 3', 0, 3],
    ['sleep 5; exit 1', 5_000, 1],
    ['sleep 1.5 && sleep 2 && false', 3_500, 1],
    ['sleep 2\ntrue\nsleep 100', 2_000, 0],
    ['exit 256', 0, 0],
    ['exit -1', 0, 255],
    ['./run.sh --fast', 1_000, 0],
    ['', 0, 0],
  ])('reads %j as %d ms ending with exit code %d', (command, durationMs, exitCode) => {
    expect(parseWorkload(command)).toEqual({ durationMs, exitCode });
  });

  it('treats an absent command as an empty workload that succeeds at once', () => {
    expect(parseWorkload(undefined)).toEqual({ durationMs: 0, exitCode: 0 });
  });
});
