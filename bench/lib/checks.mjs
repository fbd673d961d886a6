// What every benchmark run must have done; a run that skipped its work fails the benchmark.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** `count` files `f<i>.conf` in `dir`, each with its content and mode 0640. */
export function checkFiles(dir, count) {
  for (let i = 0; i < count; i++) {
    const path = join(dir, `f${i}.conf`);
    const mode = statSync(path).mode & 0o777;
    if (mode !== 0o640) throw new Error(`${path} has mode ${mode.toString(8)}, not 0640`);
    if (readFileSync(path, 'utf8') !== `key${i}=value${i}\n`) throw new Error(`${path} has the wrong content`);
  }
}

/** A counter file appended to by every command: the commands really ran. */
export function checkLines(path, count) {
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean).length;
  if (lines !== count) throw new Error(`${path} has ${lines} lines, not ${count}: not every command ran`);
}
