/**
 * No write outside the target root, even under a race: while a child process swaps `/d` of the
 * root for a link to a host directory and back as fast as it can, the real `yip --root R` writes
 * files, directories (with owner and mode), a user's home, downloads from a loopback server, an
 * environment file and a resolver file under `/d`, round after round. The host directory's
 * entries, modes and owners must be exactly what they were.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startHttpServer } from '../fixtures/http-server.js';
import type { TestHttpServer } from '../fixtures/http-server.js';
import { cliCommand, REPO, yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';
import { treeChanges, treeSnapshot } from './tree-snapshot.js';

const SWAPPER = fileURLToPath(new URL('./race-swapper.ts', import.meta.url));
const TSX = `${REPO}node_modules/tsx/dist/cli.mjs`;
/** How long the link is swapped in and out; rounds of yip run until it stops. */
const RACE_MS = Number(process.env.YIPTS_RACE_MS ?? 8000);
const OWNER = 4242;

const asRoot = process.getuid?.() === 0;
const s = suite('writes under a root whose directory is swapped for a link');
let server: TestHttpServer;
s.before(async () => {
  server = await startHttpServer({ '/blob': 'downloaded\n' });
});
s.after(async () => {
  await server.close();
  removeTempDirs();
});

/** The config of one round: every writing key, each under /d. */
function config(url: string): string {
  const files = Array.from(
    { length: 60 },
    (_, i) => `      - {path: /d/f/${i % 6}/file${i}, content: "x${i}", permissions: 0600, owner: ${OWNER}, group: ${OWNER}}`,
  );
  const dirs = Array.from({ length: 20 }, (_, i) => `      - {path: /d/dirs/dir${i}, permissions: 0700, owner: ${OWNER}, group: ${OWNER}}`);
  const downloads = Array.from(
    { length: 4 },
    (_, i) => `      - {url: "${url}/blob", path: /d/dl/blob${i}, permissions: 0600, owner: ${OWNER}, group: ${OWNER}}`,
  );
  return [
    'stages:',
    '  default:',
    '    - files:',
    ...files,
    '      directories:',
    ...dirs,
    '    - users:',
    '        racer: {homedir: /d/home/racer, shell: /bin/sh}',
    '    - downloads:',
    ...downloads,
    '    - environment_file: /d/env/environment',
    '      environment: {RACE: "1"}',
    '    - dns: {path: /d/etc/resolv.conf, nameservers: [192.0.2.53]}',
    '',
  ].join('\n');
}

function swap(dir: string, target: string, ms: number, holdMs = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const args = [TSX, SWAPPER, dir, target, String(ms), String(holdMs)];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`the swapper exited with ${code}`))));
  });
}

interface Race {
  /** The root whose `d` is swapped, and the host directory the link names. */
  readonly root: string;
  readonly outside: string;
  /** The arguments of every run of yip. */
  readonly args: readonly string[];
  /** How long the link stays in place each turn. */
  readonly holdMs?: number;
  /** A run that ended as no run may end (steps may fail: their directory vanishes under them). */
  readonly crashed: (r: Awaited<ReturnType<typeof yip>>) => boolean;
}

/** Runs yip round after round while `d` is swapped, prints the figures, and checks that nothing escaped. */
async function race(name: string, r: Race): Promise<void> {
  const before = treeSnapshot(r.outside);
  cliCommand(); // built before the race starts, not during it
  const swapper = swap(join(r.root, 'd'), r.outside, RACE_MS, r.holdMs);
  const started = Date.now();
  let rounds = 0;
  const crashes: string[] = [];
  while (Date.now() - started < RACE_MS) {
    const run = await yip(r.args, { env: { LOGLEVEL: 'error' }, timeoutMs: 60_000 });
    rounds++;
    if (r.crashed(run)) crashes.push(`exit ${run.code} ${run.signal ?? ''}: ${run.stderr.slice(-500)}`);
  }
  const swaps = await swapper;
  const escapes = treeChanges(before, treeSnapshot(r.outside));
  console.log(`${name}: ${rounds} rounds, ${swaps} swaps, ${escapes.length} escapes`);
  assert.ok(swaps > 1000, `the link was swapped in often (${swaps} times)`);
  assert.ok(rounds >= 3, `yip ran several rounds (${rounds})`);
  assert.equal(crashes, []);
  assert.equal(escapes, [], 'nothing outside the root was created, changed, removed, chmod-ed or chown-ed');
  // And the run does its work once the swapping stops.
  const last = await yip(r.args, { env: { LOGLEVEL: 'error' } });
  assert.is(last.code, 0, last.stderr);
}

(asRoot ? s : s.skip)('0 files, chmods or chowns outside the root over rounds of swaps', async () => {
  const root = tempDir('yipts-race-root-');
  const outside = tempDir('yipts-race-outside-');
  writeTree(root, { 'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n', 'etc/group': 'root:x:0:\n', 'etc/shadow': 'root:*:19000::::::\n' });
  writeTree(root, { 'etc/gshadow': 'root:*::\n' });
  mkdirSync(join(root, 'd'));
  // The host directory the link names: files and directories a write, chmod or chown would change.
  writeTree(outside, { marker: 'host\n', 'f/0/file0': 'host file\n', 'dirs/dir0/keep': 'host\n', 'home/racer/.profile': 'host\n' });
  writeFileSync(join(outside, 'env'), 'host\n');
  const configFile = join(tempDir('yipts-race-config-'), 'race.yaml');
  writeFileSync(configFile, config(server.url));
  await race('race', {
    root,
    outside,
    args: ['-s', 'default', '--root', root, configFile],
    crashed: (r) => r.code !== 0 && r.code !== 1,
  });
});

(asRoot ? s : s.skip)('0 mount points made outside the root when their parent is swapped for a link', async () => {
  const root = tempDir('yipts-race-mounts-root-');
  const outside = tempDir('yipts-race-mounts-outside-');
  mkdirSync(join(root, 'd'));
  writeTree(outside, { marker: 'host\n', 'mnt/keep': 'host\n' });
  const dir = tempDir('yipts-race-mounts-config-');
  // Mount points the mount plugin must make (and remove again at release) under /d, every run.
  const extraMounts = Array.from({ length: 12 }, (_, i) => ({ source: 'tmpfs', target: `/d/mnt/m${i}/a/b/c/d/x`, type: 'tmpfs' }));
  writeFileSync(join(dir, 'yip.config.json'), JSON.stringify({ pluginOptions: { mount: { labels: {}, extraMounts } } }));
  writeFileSync(join(dir, 'stage.yaml'), 'stages:\n  default:\n    - files: [{path: /d/mnt/m0/a/b/c/d/x/seen, content: "x"}]\n');
  await race('race (mount points)', {
    root,
    outside,
    args: ['-s', 'default', '--root', root, '--config', join(dir, 'yip.config.json'), join(dir, 'stage.yaml')],
    // The link stays a little each turn: making a mount point is one mkdir after its check.
    holdMs: 0.2,
    // Preparing the root may fail (a mount point vanishes under it): it ends with a message, not a crash.
    crashed: (r) => r.signal !== null || /\n\s+at /.test(r.stderr),
  });
});

s.run();
