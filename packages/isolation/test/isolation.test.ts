import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createExecutor, definePlugin } from '@yipts/core';
import { isolate, isolationHooks } from '../src/index.js';

const request = { argv: ['yip', 'x.yaml'], env: {}, root: '/mnt/r' };

test('one hook per executor: a plugin taps it in apply, the caller gets the first exit status', async () => {
  const seen: string[] = [];
  const plugin = (name: string, code: number | undefined) =>
    definePlugin({
      name,
      apply: (hooks) =>
        isolationHooks(hooks).isolate.tapPromise(name, async (r) => {
          seen.push(`${name}:${r.root}`);
          return code;
        }),
    });
  const executor = createExecutor({ plugins: [plugin('declines', undefined), plugin('reruns', 7), plugin('never', 9)] });
  assert.is(await isolate(executor.hooks, request), 7);
  assert.equal(seen, ['declines:/mnt/r', 'reruns:/mnt/r']);
  assert.is(isolationHooks(executor.hooks), isolationHooks(executor.hooks), 'the same hook on every call');
});

test('an executor whose plugins do not tap it runs the work itself; the engine declares no such hook', async () => {
  const other = createExecutor({ plugins: [] });
  assert.is(await isolate(other.hooks, request), undefined);
  assert.not.ok('isolate' in other.hooks, 'the engine never calls it, so it does not declare it');
});

test.run();
