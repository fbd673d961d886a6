/** re2js is loaded with the first regexp, not with the engine: a run without regexps never pays for it. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const TSX = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const ENTRY = fileURLToPath(new URL('../src/index.ts', import.meta.url));

test('rendering without a regexp leaves re2js unloaded; the first regexp loads it', () => {
  // A fresh process: the test runner itself has loaded re2js for other suites.
  const script = `
    import { createRequire } from 'node:module';
    const { renderTemplate } = await import(${JSON.stringify(ENTRY)});
    const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('re2js'));
    const out = [renderTemplate('{{ upper "x" }} {{ until 3 }}', {}), loaded()];
    out.push(renderTemplate('{{ regexMatch "^[[:alpha:]]+$" "abc" }}', {}), loaded());
    console.log(JSON.stringify(out));
  `;
  const child = spawnSync(process.execPath, [TSX, '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.is(child.status, 0, child.stderr);
  assert.equal(JSON.parse(child.stdout.trim()), ['X [0 1 2]', false, 'true', true]);
});

test.run();
