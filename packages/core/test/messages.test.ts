/** Messages for common mistakes say what to write instead. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createExecutor, parseText } from '../src/index.js';
import type { Diagnostic } from '../src/index.js';
import { diagnosticsOf, inline, probePlugin } from './helpers.js';

/** Every diagnostic of planning stage `s` of `text` (file and steps), in analyze mode. */
async function planned(text: string): Promise<Diagnostic[]> {
  const executor = createExecutor({ plugins: [probePlugin().plugin] });
  return diagnosticsOf(await executor.runStage('s', [inline('m.yaml', text)], { analyze: true }));
}

test("`permissions: 644` keeps yip's decimal reading, with a warning that suggests 0644", async () => {
  const found = await planned('stages:\n  s:\n    - files:\n        - path: /a\n          permissions: 644\n');
  const w = found.find((d) => d.code === 'mode-decimal');
  assert.ok(w, JSON.stringify(found));
  assert.is(w!.severity, 'warning');
  assert.match(w!.message, '`permissions`: 644 is read as a decimal number, as yip does: mode 1204; did you mean 0644?');
  assert.equal([w!.line, w!.col], [5, 24]);
});

test('a deliberate decimal mode (420 = 0644) and octal modes get no warning', async () => {
  for (const mode of ['420', '0644', '"0644"', '0o644', '0']) {
    const found = await planned(`stages:\n  s:\n    - files:\n        - path: /a\n          permissions: ${mode}\n`);
    assert.equal(
      found.filter((d) => d.code === 'mode-decimal'),
      [],
      mode,
    );
  }
});

test('an unquoted `{{ … }}` template: "quote the template", at its line', () => {
  const file = parseText('stages:\n  s:\n    - files:\n        - path: /a\n          content: {{ .Values.motd }}\n', 't.yaml', false);
  const [e] = file.diagnostics;
  assert.is(e!.code, 'template-key');
  assert.match(e!.message, 'quote the template');
  assert.equal([e!.line, e!.col], [5, 21]);
  const trailing = parseText('stages:\n  s:\n    - hostname: {{ .Values.h }}-x\n', 'u.yaml', false);
  const said = trailing.diagnostics.map((d) => d.message);
  assert.ok(
    said.some((m) => m.includes('template must be quoted')),
    said.join('\n'),
  );
});

test('`after: [a]` says to write `after: [{name: a}]`', async () => {
  const found = await planned('stages:\n  s:\n    - name: a\n    - name: b\n      after: [a]\n    - after: a\n');
  const errors = found.filter((d) => d.code === 'type').map((d) => [d.message, d.line]);
  assert.equal(errors, [
    ['`after` takes a list of mappings naming steps: write `after: [{name: a}]`', 5],
    ['`after` takes a list of mappings naming steps: write `after: [{name: a}]`', 6],
  ]);
});

test('a file without `stages:` says so, and where the steps went', () => {
  const file = parseText('name: x\nboot:\n  - commands: [true]\n', 'n.yaml', false);
  const w = file.diagnostics.find((d) => d.code === 'no-stages');
  assert.ok(w);
  assert.match(w!.message, 'the file has no `stages:` key, so it defines no steps; `boot` belongs under `stages:`');
  assert.is(w!.line, 2);
  const bare = parseText('name: only a name\n', 'o.yaml', false);
  assert.equal(
    bare.diagnostics.map((d) => [d.code, d.message]),
    [['no-stages', 'the file has no `stages:` key, so it defines no steps']],
  );
  assert.equal(
    parseText('#cloud-config\nhostname: h\n', 'c.yaml', false).diagnostics.filter((d) => d.code === 'no-stages'),
    [],
  );
});

test('"expected X, found Y" names the key', async () => {
  const found = await planned('stages:\n  s:\n    - commands: {a: b}\n      files:\n        - path: [x]\n');
  const messages = found.filter((d) => d.code === 'type').map((d) => d.message);
  assert.equal(messages, ['`commands`: expected a list, found mapping', '`path`: expected a string, found sequence']);
});

test.run();
