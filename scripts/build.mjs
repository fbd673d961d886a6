// Bundles the yip command line into one file that runs with plain `node`, no node_modules:
// stages run several times per boot, so start-up time matters more than bundle size.
import { build } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../packages/cli/package.json', import.meta.url), 'utf8'));
const outfile = new URL('../packages/cli/dist/yip.mjs', import.meta.url).pathname;

await build({
  entryPoints: [new URL('../packages/cli/src/bin.ts', import.meta.url).pathname],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  define: { __YIPTS_VERSION__: JSON.stringify(pkg.version) },
  // tapable and other CommonJS dependencies call require() for node built-ins.
  banner: { js: "import { createRequire as __yiptsCreateRequire } from 'node:module';\nconst require = __yiptsCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
await chmod(outfile, 0o755);
console.log(`built ${outfile}`);
