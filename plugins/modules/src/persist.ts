/**
 * Persisting modules into the target root: their names into a modules-load.d file (loaded at
 * boot by systemd-modules-load) and their parameters as `options` lines into a modprobe.d file.
 * Both files are merged: a module already listed is not listed twice, its options line is
 * replaced when new parameters are given.
 */
import { mergeFileInRoot } from '@yipts/system';
import type { ModuleSpec } from './spec.js';
import { canonicalName } from './spec.js';

const LOAD_HEADER = '# Written by yipts from the `modules` keys of yip configs; loaded at boot by systemd-modules-load.';
const OPTIONS_HEADER = '# Written by yipts: parameters of the modules listed in `modules` keys of yip configs.';

export function mergeModulesLoad(current: string | undefined, modules: readonly ModuleSpec[]): string {
  const lines = toLines(current, LOAD_HEADER);
  const listed = new Set(
    lines
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#') && !l.startsWith(';'))
      .map(canonicalName),
  );
  for (const m of modules) {
    if (listed.has(canonicalName(m.name))) continue;
    listed.add(canonicalName(m.name));
    lines.push(m.name);
  }
  return fromLines(lines);
}

export function mergeModprobeOptions(current: string | undefined, modules: readonly ModuleSpec[]): string | undefined {
  const withParams = modules.filter((m) => m.params.length > 0);
  if (withParams.length === 0) return current;
  const lines = toLines(current, OPTIONS_HEADER);
  for (const m of withParams) {
    const line = `options ${m.name} ${m.params.join(' ')}`;
    const at = lines.findIndex((l) => {
      const [word, name] = l.trim().split(/\s+/);
      return word === 'options' && name !== undefined && canonicalName(name) === canonicalName(m.name);
    });
    if (at === -1) lines.push(line);
    else lines[at] = line;
  }
  return fromLines(lines);
}

function toLines(current: string | undefined, header: string): string[] {
  if (current === undefined) return [header];
  const lines = current.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function fromLines(lines: readonly string[]): string {
  return lines.map((l) => `${l}\n`).join('');
}

/** Reads, merges and atomically rewrites one file of the root; nothing is written when the merge changes nothing. */
export async function mergeFile(root: string, path: string, merge: (current: string | undefined) => string | undefined): Promise<void> {
  await mergeFileInRoot(root, path, merge);
}
