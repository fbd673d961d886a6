// Runs the main job on the bundled example: `yip run-stage demo` with a temporary directory as
// the target root, the example's /oem and /usr/local/cloud-config copied into it. Nothing
// outside that directory changes; it is removed at the end unless KEEP=1.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'packages/cli/dist/yip.cjs');
const root = mkdtempSync(join(tmpdir(), 'yipts-example-root-'));
cpSync(join(repo, 'examples/demo/oem'), join(root, 'oem'), { recursive: true });
cpSync(join(repo, 'examples/demo/usr-local'), join(root, 'usr/local'), { recursive: true });

const show = (args) => {
  console.log(`\n$ yip ${args.join(' ')}`);
  return spawnSync(process.execPath, [cli, ...args], {
    stdio: 'inherit',
    env: { ...process.env, LOGLEVEL: process.env.LOGLEVEL ?? 'info' },
  }).status;
};

show(['run-stage', '--analyze', '--root', root, '--no-cmdline', 'demo']);
const status = show(['run-stage', '--strict', '--root', root, '--no-cmdline', 'demo']);

console.log(`\nFiles written inside the target root ${root}:`);
const walk = (dir) =>
  readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
for (const file of walk(join(root, 'etc'))) {
  const mode = (statSync(file).mode & 0o7777).toString(8).padStart(4, '0');
  console.log(`  ${mode} /${relative(root, file)}: ${JSON.stringify(readFileSync(file, 'utf8'))}`);
}
if (process.env.KEEP !== '1') rmSync(root, { recursive: true, force: true });
process.exit(status ?? 1);
