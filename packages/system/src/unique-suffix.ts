/**
 * Suffixes for temporary names beside a target (`.motd.yipts-PID.START-UNIQUE`). They need to be
 * unique, not secret: temporary files are created with O_EXCL, so a name taken by anybody else
 * fails the create instead of being followed. The writer comes first, as its pid and the time
 * it started (base 36), so that a later run can tell the leftovers of a killed writer (see
 * stale-temporaries.ts): a pid alone is not enough, since every run isolated in its own pid
 * namespace is pid 1. Not using node:crypto keeps it off the start-up path.
 */
import { readFileSync } from 'node:fs';

let counter = 0;
let writer: string | undefined;
let ownStart: { readonly ticks: number | undefined } | undefined;

export function uniqueSuffix(): string {
  counter = (counter + 1) % 0x7fffffff;
  const random = Math.floor(Math.random() * 0x100000000).toString(36);
  writer ??= writerOf(process.pid, thisProcessStartTime());
  return `${writer}-${counter.toString(36)}${random}`;
}

function writerOf(pid: number, start: number | undefined): string {
  return start === undefined ? pid.toString(36) : `${pid.toString(36)}.${start.toString(36)}`;
}

/** processStartTime of this process, read once. */
export function thisProcessStartTime(): number | undefined {
  ownStart ??= { ticks: processStartTime('self') };
  return ownStart.ticks;
}

/**
 * When a process started, in clock ticks since boot (field 22 of /proc/PID/stat), or undefined
 * when /proc does not tell. With the pid it names one process for the whole uptime.
 */
export function processStartTime(pid: number | 'self'): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) may hold spaces and parentheses: count from the last `)`.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = Number(fields[19]);
    return Number.isSafeInteger(start) ? start : undefined;
  } catch {
    return undefined;
  }
}
