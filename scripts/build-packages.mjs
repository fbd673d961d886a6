// Compiles every workspace package's src/ to JavaScript with declarations, into its dist/: what
// the published packages export (`import`/`types`; the workspace itself and its tests use the
// `source` condition, src/*.ts). One incremental tsc run over the whole workspace
// (tsconfig.build.json) into node_modules/.cache/yipts-packages, then each package's part is
// copied into place, so a rebuild without changes costs a few seconds.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const out = join(repo, 'node_modules/.cache/yipts-packages');

/** Directories (relative to the repository) of the packages that have sources to compile. */
export function packageDirs() {
  const dirs = [];
  for (const group of ['packages', 'plugins', 'examples']) {
    for (const name of readdirSync(join(repo, group))) {
      const dir = `${group}/${name}`;
      if (existsSync(join(repo, dir, 'package.json')) && existsSync(join(repo, dir, 'src'))) dirs.push(dir);
    }
  }
  return dirs;
}

export function buildPackages() {
  const tsc = join(repo, 'node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(repo, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('compiling the packages failed');
  for (const dir of packageDirs()) {
    const compiled = join(out, dir, 'src');
    if (!existsSync(compiled)) continue;
    // packages/cli/dist also holds the bundle and the executable: only the compiled part is replaced there.
    if (dir !== 'packages/cli') rmSync(join(repo, dir, 'dist'), { recursive: true, force: true });
    cpSync(compiled, join(repo, dir, 'dist'), { recursive: true });
  }
}
