// Bundles the yip command line into one file that runs with plain `node`, no node_modules:
// stages run several times per boot, so start-up time matters more than bundle size.
//
// packages/cli/dist/yip.bundle.cjs is the whole CLI in one file (`node yip.bundle.cjs` works).
// packages/cli/dist/yip.cjs is a small launcher that compiles that bundle with V8's code cache
// (yip.bundle.cjs.cache, made here by one warm-up run), which starts noticeably faster. Without
// the cache file, or with a Node.js whose V8 rejects it, the bundle simply compiles as usual.
// packages/cli/dist/yip is the same bundle and cache in a single executable (build-sea.mjs), and
// every package's dist/ gets its compiled JavaScript and declarations (build-packages.mjs).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackages } from './build-packages.mjs';
import { buildSea } from './build-sea.mjs';

const at = (p) => fileURLToPath(new URL(p, import.meta.url));
const pkg = JSON.parse(readFileSync(at('../packages/cli/package.json'), 'utf8'));
const outfile = at('../packages/cli/dist/yip.cjs');
const bundleFile = at('../packages/cli/dist/yip.bundle.cjs');

// Node built-ins imported with import() (to keep them off the start-up path) become lazily
// evaluated require() calls: the bundle runs from V8's code cache, where a real import() is not
// available.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * The bundle as one function expression of CommonJS's module parameters, applied to them when
 * Node.js runs the file as a module (`node yip.bundle.cjs`) and left as the script's value when a
 * launcher compiles it as a script: the launcher then needs no Module.wrap(), whose concatenation
 * would hold a second copy of the whole source (about 1 MiB) in memory while it compiles.
 */
function selfWrapped(text) {
  // The first line, esbuild's copy of the entry's #! line, becomes the head of the function: every
  // other line keeps its number, which the source map (and `pnpm profile`) rely on.
  if (!text.startsWith('#!')) throw new Error("the bundle has no #! line to put the function's head on");
  const apply = "(typeof arguments === 'object' ? (f) => f.apply(this, arguments) : (f) => f)";
  return `${text.replace(/^#!.*/, `${apply}(function (exports, require, module, __filename, __dirname) {`)}\n});\n`;
}

const result = await build({
  plugins: [lazyBuiltins],
  entryPoints: [at('../packages/cli/src/bin.ts')],
  write: false,
  bundle: true,
  platform: 'node',
  // CommonJS: Node's CJS loader starts faster than its ESM loader.
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // A map beside the bundle (not referenced from it, not published) lets `pnpm profile` name the
  // source file of every sampled function.
  sourcemap: 'external',
  outfile: bundleFile,
  define: { __YIPTS_VERSION__: JSON.stringify(pkg.version) },
  // cosmiconfig reaches for TypeScript only for .ts config files, which yipts does not search.
  external: ['typescript'],
  // The workspace's sources (src/*.ts), not the packages' compiled dist/.
  conditions: ['source'],
  // Sources that load a package synchronously on first use (re2js) reach it through require() in
  // the bundle and through createRequire(import.meta.url) only when run as ESM sources.
  logOverride: { 'empty-import-meta': 'silent' },
  logLevel: 'warning',
});
mkdirSync(dirname(bundleFile), { recursive: true });
for (const out of result.outputFiles) writeFileSync(out.path, out.path === bundleFile ? selfWrapped(out.text) : out.text);
chmodSync(bundleFile, 0o755);
writeFileSync(outfile, readFileSync(at('launcher.cjs')));
chmodSync(outfile, 0o755);

// Every package's JavaScript and declarations (what the published packages export); the example
// plugin, loaded from an executor configuration by the bundled CLI in the tests, needs them.
buildPackages();

// Warm-up run that records the compiled code: loading, validating and planning the example.
rmSync(`${bundleFile}.cache`, { force: true });
const warm = spawnSync(
  process.execPath,
  [outfile, '-a', '-s', 'demo', at('../examples/demo/oem'), at('../examples/demo/usr-local/cloud-config')],
  {
    env: { ...process.env, YIPTS_WRITE_CODE_CACHE: '1', LOGLEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
if (warm.status !== 0) throw new Error('the bundle failed its warm-up run');
// The man page, written by the CLI itself from its flag table.
const man = spawnSync(process.execPath, [outfile, 'man'], { encoding: 'utf8' });
if (man.status !== 0) throw new Error('the bundle could not write its man page');
writeFileSync(at('../packages/cli/dist/yipts.1'), man.stdout);
console.log(`built ${outfile} (+ code cache, man page dist/yipts.1)`);
console.log(`built ${buildSea(bundleFile, dirname(bundleFile))} (single executable)`);
