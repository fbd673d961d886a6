/** The real configs of the corpus: every one loads, validates and plans without error. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createExecutor, parseText } from '../src/index.js';

import { CORPUS_DIR as CORPUS } from '@yipts/test-fixtures';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))
    .flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

const files = yamlFiles(CORPUS);

test('the corpus is there', () => {
  assert.ok(files.length >= 50, `${files.length} files`);
});

test('every corpus file parses with no error', () => {
  for (const path of files) {
    const file = parseText(readFileSync(path, 'utf8'), path, false);
    assert.ok(file.ok, `${path}: ${JSON.stringify(file.diagnostics)}`);
    assert.equal(
      file.diagnostics.filter((d) => d.severity === 'error'),
      [],
      path,
    );
  }
});

test('every stage of every corpus file plans without error; the known typo is a warning with its suggestion', async () => {
  const stages = new Set<string>();
  for (const path of files) for (const st of parseText(readFileSync(path, 'utf8'), path, false).stages.keys()) stages.add(st);
  assert.ok(stages.has('after-install-chroot') || stages.has('after-upgrade-chroot'));
  const executor = createExecutor({ plugins: [] });
  const result = await executor.run({ stages: [...stages].map((stage) => ({ stage, sources: [CORPUS] })), analyze: true });
  const diagnostics = result.stages.flatMap((st) => st.diagnostics);
  assert.equal(
    diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  assert.ok(result.ok);
  const typo = diagnostics.find(
    (d) => d.message.includes('`permsisions`') && d.file.endsWith('cos-toolkit/packages/cloud-config/oem/08_boot_assessment.yaml'),
  );
  assert.ok(typo, 'the typo of 08_boot_assessment.yaml is reported');
  assert.is(typo!.severity, 'warning');
  assert.match(typo!.message, 'did you mean `permissions`?');
  assert.equal([typo!.line, typo!.col], [78, 10]);
  const planned = result.stages.reduce((n, st) => n + st.layers.flat().length, 0);
  assert.ok(planned > 100, `${planned} steps planned`);
});

test.run();
