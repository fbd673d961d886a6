// `pnpm release`: writes dist/yipts-<version>-linux-<arch>.tar.gz, laid out as an image root,
// so that a Dockerfile's `ADD` (which unpacks local tar archives) installs it in one line:
//   usr/bin/yip                                  the single executable (pnpm build made it)
//   usr/bin/yipts                                a link to it
//   usr/lib/systemd/system/yipts-*.{service,timer}   the units of the boot stages
//   usr/lib/dracut/modules.d/50yipts/            the dracut module of the initrd stages
//   usr/share/licenses/yipts/LICENSE
//   usr/share/yipts/yip.schema.json              `yip --json-schema`, for editors and CI linting
//   usr/share/man/man1/yipts.1 (+ yip.1)         `yip man`
//   usr/share/bash-completion/completions/yip (+ yipts), usr/share/zsh/site-functions/_yipts   `yip completion`
// <arch> is Docker's name for the architecture (amd64, arm64), so TARGETARCH picks the file.
// Entries are owned by root, sorted, and dated from the last commit: the same tree gives the same tarball.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const DOCKER_ARCH = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

function run(argv, options = {}) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status ?? r.signal}): ${r.error?.message ?? ''}${r.stderr}`);
  return r.stdout;
}

export function release() {
  const version = JSON.parse(readFileSync(join(repo, 'packages/cli/package.json'), 'utf8')).version;
  const arch = DOCKER_ARCH[process.arch] ?? process.arch;
  const sea = join(repo, 'packages/cli/dist/yip');
  const stage = mkdtempSync(join(tmpdir(), 'yipts-release-'));
  try {
    const at = (p) => join(stage, p);
    const dirs = [
      'usr/bin',
      'usr/lib/systemd/system',
      'usr/lib/dracut/modules.d',
      'usr/share/licenses/yipts',
      'usr/share/yipts',
      'usr/share/man/man1',
      'usr/share/bash-completion/completions',
      'usr/share/zsh/site-functions',
    ];
    for (const dir of dirs) mkdirSync(at(dir), { recursive: true });
    copyFileSync(sea, at('usr/bin/yip'));
    chmodSync(at('usr/bin/yip'), 0o755);
    symlinkSync('yip', at('usr/bin/yipts'));
    cpSync(join(repo, 'packaging/systemd'), at('usr/lib/systemd/system'), { recursive: true });
    cpSync(join(repo, 'packaging/dracut'), at('usr/lib/dracut/modules.d'), { recursive: true });
    copyFileSync(join(repo, 'LICENSE'), at('usr/share/licenses/yipts/LICENSE'));
    // From an empty directory: an executor configuration found in the working directory would add its plugins' keys.
    const schema = run([sea, '--json-schema'], { cwd: stage, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    writeFileSync(at('usr/share/yipts/yip.schema.json'), schema);
    // The man page and the completions come from the executable's own flag table.
    const own = (args) => run([sea, ...args], { cwd: stage, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    writeFileSync(at('usr/share/man/man1/yipts.1'), own(['man']));
    symlinkSync('yipts.1', at('usr/share/man/man1/yip.1'));
    writeFileSync(at('usr/share/bash-completion/completions/yip'), own(['completion', 'bash']));
    symlinkSync('yip', at('usr/share/bash-completion/completions/yipts'));
    writeFileSync(at('usr/share/zsh/site-functions/_yipts'), own(['completion', 'zsh']));
    const mtime = run(['git', '-C', repo, 'log', '-1', '--format=%ct']).trim() || '0';
    mkdirSync(join(repo, 'dist'), { recursive: true });
    const out = join(repo, 'dist', `yipts-${version}-linux-${arch}.tar.gz`);
    run(['tar', '--sort=name', '--owner=0', '--group=0', '--numeric-owner', `--mtime=@${mtime}`, '-czf', out, '-C', stage, 'usr']);
    return out;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(release());
