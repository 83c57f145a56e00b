import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux this project runs on (getconf CLK_TCK). */
const TICKS_PER_SECOND = 100;

/**
 * User + system CPU milliseconds a process has used so far, from /proc (Linux); `undefined` elsewhere. Why: on a
 * shared machine, CPU time per answer says what a server costs even when req/s is bounded by the load generator.
 */
export function readCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the parenthesised command name (which may itself contain spaces): utime is the 12th, stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
}
