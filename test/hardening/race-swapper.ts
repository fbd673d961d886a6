/**
 * The attacker of the race test, run as a child process: for a given time it swaps a directory
 * of the target root for a link to a host directory and back, as fast as it can, and prints how
 * many times the link was in place. A process inside the root can do exactly this between the
 * moment a path is checked and the moment it is used.
 *
 * Usage: race-swapper.ts DIR LINK_TARGET MILLISECONDS [HOLD_MS]
 * HOLD_MS (default 0): how long the link stays in place each turn, for writers whose window
 * between check and use is a single system call.
 */
import { mkdirSync, renameSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';

const [dir, linkTarget, ms, holdMs = '0'] = process.argv.slice(2);
const hold = new Int32Array(new SharedArrayBuffer(4));
if (!dir || !linkTarget || !ms) throw new Error('usage: race-swapper.ts DIR LINK_TARGET MILLISECONDS');
const held = `${dir}.held`;
const end = Date.now() + Number(ms);
let swaps = 0;
let spare = 0;
const quietly = (f: () => void) => {
  try {
    f();
  } catch {
    // the writer moved things meanwhile: the next turn tries again
  }
};
while (Date.now() < end) {
  quietly(() => renameSync(dir, held));
  quietly(() => {
    symlinkSync(linkTarget, dir);
    swaps++;
    if (holdMs !== '0') Atomics.wait(hold, 0, 0, Number(holdMs));
  });
  quietly(() => unlinkSync(dir));
  try {
    renameSync(held, dir);
  } catch {
    // The writer made a new directory there meanwhile: park the old one beside it (inside the root).
    quietly(() => renameSync(held, `${dir}.spare-${spare++}`));
  }
}
quietly(() => unlinkSync(dir));
quietly(() => mkdirSync(dir, { recursive: true }));
quietly(() => rmSync(held, { recursive: true, force: true }));
process.stdout.write(`${swaps}\n`);
