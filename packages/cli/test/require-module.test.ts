// requireModule: how the single executable loads plugins and JS configs (no import() there). It
// runs the same under plain node, which is where this suite exercises it; test/sea runs it
// inside the executable.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireModule } from '../src/config/require-module.js';
import { tempDirs, writeTree } from '@yipts/testing';

const test = suite('requireModule');
const dirs = tempDirs('yipts-require-module-');
test.after(() => dirs.cleanup());

async function files(tree: Record<string, string>): Promise<string> {
  const dir = await dirs.make();
  await writeTree(dir, tree);
  return dir;
}

test('a CommonJS module is seen as import() sees it: module.exports is the default export', async () => {
  const dir = await files({
    'plugin.cjs': "module.exports = function factory() { return 'made'; };\nmodule.exports.PLUGIN_NAME = 'cjs';\n",
  });
  const mod = await requireModule(pathToFileURL(join(dir, 'plugin.cjs')).href);
  assert.type(mod.default, 'function');
  assert.is((mod.default as () => string)(), 'made');
  assert.is(mod.PLUGIN_NAME, 'cjs');
});

test('an ES module gives its namespace, default and named exports', async () => {
  const dir = await files({ 'plugin.mjs': "export const PLUGIN_NAME = 'esm';\nexport default (o) => ({ name: 'esm', o });\n" });
  const mod = await requireModule(pathToFileURL(join(dir, 'plugin.mjs')).href);
  assert.is(mod.PLUGIN_NAME, 'esm');
  assert.equal((mod.default as (o: number) => unknown)(1), { name: 'esm', o: 1 });
});

test('an ES module compiled to CommonJS (__esModule) keeps its default export', async () => {
  const compiled = "Object.defineProperty(exports, '__esModule', { value: true });\nexports.default = () => 'compiled';\n";
  const dir = await files({ 'compiled.cjs': compiled });
  const mod = await requireModule(join(dir, 'compiled.cjs'));
  assert.is((mod.default as () => string)(), 'compiled');
});

test('a plain path works as well as a file: URL', async () => {
  const dir = await files({ 'config.cjs': 'module.exports = { strict: true };\n' });
  const mod = await requireModule(join(dir, 'config.cjs'));
  assert.equal(mod.default, { strict: true });
});

test('an ES module with top-level await is an error that names it and keeps the original as cause', async () => {
  const dir = await files({ 'tla.mjs': 'await Promise.resolve();\nexport default () => ({});\n' });
  const path = join(dir, 'tla.mjs');
  try {
    await requireModule(pathToFileURL(path).href);
    assert.unreachable('a module with top-level await was loaded');
  } catch (error) {
    assert.instance(error, Error);
    assert.match((error as Error).message, `${path} uses top-level await, which the single executable cannot load`);
    assert.is(((error as Error).cause as { code?: string }).code, 'ERR_REQUIRE_ASYNC_MODULE');
  }
});

test('a missing module is require()’s own error', async () => {
  try {
    await requireModule('/no/such/plugin.cjs');
    assert.unreachable('a missing module was loaded');
  } catch (error) {
    assert.is((error as { code?: string }).code, 'MODULE_NOT_FOUND');
  }
});

test.run();
