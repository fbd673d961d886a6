/** Did-you-mean suggestions for unknown keys. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { yipSchema } from '../src/index.js';
import { didYouMean, editDistance, nearest } from '../src/schema/suggest.js';

const FILE_KEYS = Object.keys(yipSchema.FileEntry.shape);
const STEP_KEYS = [...Object.keys(yipSchema.actionSchemas), ...Object.keys(yipSchema.conditionSchemas), 'name', 'after'];

test('editDistance counts an adjacent swap as one edit', () => {
  assert.is(editDistance('permsisions', 'permissions'), 1);
  assert.is(editDistance('abc', 'abc'), 0);
  assert.is(editDistance('', 'abc'), 3);
  assert.is(editDistance('kitten', 'sitting'), 3);
});

test('typos real configs contain find their key', () => {
  assert.is(nearest('permsisions', FILE_KEYS), 'permissions');
  assert.is(nearest('premissions', FILE_KEYS), 'permissions');
  assert.is(nearest('contnet', FILE_KEYS), 'content');
  assert.is(nearest('Owner', FILE_KEYS), 'owner', 'case is ignored');
  assert.is(nearest('comands', STEP_KEYS), 'commands');
  assert.is(nearest('directory', STEP_KEYS), 'directories');
  assert.is(nearest('if_file', STEP_KEYS), 'if_files');
});

test('far-off words get no suggestion; short words allow one edit only', () => {
  assert.is(nearest('hello', FILE_KEYS), undefined);
  assert.is(nearest('xx', ['ab']), undefined);
  assert.is(nearest('ab', ['ac']), 'ac', 'short words still allow one edit');
  assert.is(nearest('pth', FILE_KEYS), 'path');
  assert.is(nearest('anything', []), undefined);
});

test("didYouMean: the hint for a message, in the caller's notation, or nothing", () => {
  assert.is(didYouMean('downlods', ['downloads', 'dns']), '; did you mean `downloads`?');
  assert.is(
    didYouMean('stgae', ['stage', 'root'], (w) => `--${w}`),
    '; did you mean --stage?',
  );
  assert.is(didYouMean('zzzzzzzz', ['stage']), '');
});

test.run();
