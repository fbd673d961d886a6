// Builds packages/cli/dist/yip, a Node.js single executable application (SEA): a copy of the
// running node binary (its symbols stripped when `strip` is on PATH) with a blob injected by
// postject holding sea-launcher.cjs as the main script and, as assets, the bundle and the V8 code
// cache of its warm-up run. `yipts` beside it is a link to it. Injecting takes seconds, so the
// result is kept under node_modules/.cache/yipts-sea, keyed by a hash of everything it is made
// of (bundle, launcher, node binary, postject's version), and reused when nothing changed; only
// the newest few are kept (each is as big as node).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const at = (p) => fileURLToPath(new URL(p, import.meta.url));
const launcher = at('sea-launcher.cjs');
const postjectPkg = at('../node_modules/postject/package.json');
const postjectCli = at('../node_modules/postject/dist/cli.js');
const cacheRoot = at('../node_modules/.cache/yipts-sea');
// The fuse Node.js looks for to know that a blob was injected (documented with its SEA support).
const SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const KEEP_CACHED = 2;

function run(argv, what) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status ?? r.signal}): ${r.error?.message ?? ''}${r.stdout}${r.stderr}`);
}

function hasStrip() {
  return spawnSync('strip', ['--version'], { stdio: 'ignore' }).status === 0;
}

// A node built without SEA support (some distributions' packages) has no fuse to flip: say so
// instead of producing an executable that would ignore its blob.
function checkSeaSupport() {
  if (!readFileSync(process.execPath).includes(SENTINEL_FUSE)) {
    const what = `${process.execPath} (node ${process.version})`;
    throw new Error(`${what} cannot become a single executable: it has no SEA fuse; build with an official Node.js 20 binary`);
  }
}

/** Removes all but the newest KEEP_CACHED executables of the cache. */
function pruneCache() {
  const entries = readdirSync(cacheRoot).map((name) => ({ dir: join(cacheRoot, name), at: statSync(join(cacheRoot, name)).mtimeMs }));
  entries.sort((a, b) => b.at - a.at);
  for (const old of entries.slice(KEEP_CACHED)) rmSync(old.dir, { recursive: true, force: true });
}

function inputsKey(bundleFile, strip) {
  const hash = createHash('sha256');
  for (const file of [bundleFile, launcher, postjectPkg]) hash.update(readFileSync(file));
  const node = statSync(process.execPath);
  hash.update(`${process.execPath}\0${process.version}\0${node.size}\0${node.mtimeMs}\0${strip}`);
  return hash.digest('hex').slice(0, 16);
}

/** Writes `<outDir>/yip` and the link `<outDir>/yipts`; returns the executable's path. */
export function buildSea(bundleFile, outDir) {
  const strip = hasStrip();
  const cached = join(cacheRoot, inputsKey(bundleFile, strip), 'yip');
  if (!existsSync(cached)) {
    checkSeaSupport();
    const work = mkdtempSync(join(tmpdir(), 'yipts-sea-'));
    try {
      const blob = join(work, 'yip.blob');
      const exe = join(work, 'yip');
      writeFileSync(
        join(work, 'sea-config.json'),
        JSON.stringify({
          main: launcher,
          output: blob,
          disableExperimentalSEAWarning: true,
          assets: { 'yip.bundle.cjs': bundleFile, 'yip.bundle.cjs.cache': `${bundleFile}.cache` },
        }),
      );
      run([process.execPath, '--experimental-sea-config', join(work, 'sea-config.json')], 'writing the SEA blob');
      copyFileSync(process.execPath, exe);
      chmodSync(exe, 0o755);
      // The node binary's symbols and debug information are of no use in an image (about 13 MB).
      if (strip) run(['strip', exe], 'stripping the node binary');
      run([process.execPath, postjectCli, exe, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SENTINEL_FUSE], 'injecting the SEA blob');
      mkdirSync(dirname(cached), { recursive: true });
      renameSync(exe, cached);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    pruneCache();
  }
  const out = join(outDir, 'yip');
  const link = join(outDir, 'yipts');
  rmSync(out, { force: true });
  rmSync(link, { force: true });
  copyFileSync(cached, out);
  chmodSync(out, 0o755);
  symlinkSync('yip', link);
  return out;
}
