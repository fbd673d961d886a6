/**
 * Suffixes for temporary names beside a target (`.motd.yipts-PID-UNIQUE`). They need to be
 * unique, not secret: temporary files are created with O_EXCL, so a name taken by anybody else
 * fails the create instead of being followed. The writer's pid (base 36) comes first, so that a
 * later run can tell the leftovers of a killed writer (see stale-temporaries.ts). Not using
 * node:crypto keeps it off the start-up path.
 */
let counter = 0;

export function uniqueSuffix(): string {
  counter = (counter + 1) % 0x7fffffff;
  const random = Math.floor(Math.random() * 0x100000000).toString(36);
  return `${process.pid.toString(36)}-${counter.toString(36)}${random}`;
}
