/**
 * Every real config of the vendored corpus (test/corpus, shipped by Elemental, cOS and Kairos images) loads,
 * validates and plans (-a) for each stage it names, without an error; known mistakes in them
 * are reported as warnings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { yip } from '../helpers/cli.js';

import { CORPUS_DIR as CORPUS, corpusYamlFiles } from '../fixtures/corpus.js';

const corpus = suite('corpus');

corpus('every file plans every stage it names, without an error', async () => {
  const files = corpusYamlFiles(CORPUS);
  assert.ok(files.length >= 60, `the corpus has ${files.length} files`);
  const byStage = new Map<string, string[]>();
  for (const file of files) {
    const doc = parse(readFileSync(file, 'utf8'), { version: '1.1', merge: true, uniqueKeys: false }) as {
      stages?: Record<string, unknown>;
    } | null;
    for (const stage of Object.keys(doc?.stages ?? {})) byStage.set(stage, [...(byStage.get(stage) ?? []), file]);
  }
  assert.ok(byStage.size >= 15, `stages named: ${[...byStage.keys()].join(', ')}`);
  let planned = 0;
  for (const [stage, stageFiles] of byStage) {
    const r = await yip(['-a', '-s', stage, ...stageFiles]);
    assert.is(r.code, 0, `${stage}: ${r.stderr}`);
    assert.not.match(r.stderr, /ERROR/, `${stage}: ${r.stderr}`);
    for (const f of stageFiles) {
      const m = new RegExp(`stage ${stage.replace(/[.]/g, '\\.')} from ${f.replace(/[.]/g, '\\.')}: 1 file\\(s\\), (\\d+) step`).exec(
        r.stdout,
      );
      assert.ok(m, `${f} is planned for ${stage}:\n${r.stdout}`);
      assert.ok(Number(m![1]) > 0, `${f} has steps for ${stage}`);
      planned += Number(m![1]);
    }
  }
  assert.ok(planned > 150, `planned ${planned} steps`);
});

corpus('the misspelt key shipped in 08_boot_assessment.yaml is a warning with the nearest key', async () => {
  const file = join(CORPUS, 'cos-toolkit/packages/cloud-config/oem/08_boot_assessment.yaml');
  const r = await yip(['-a', '-s', 'after-install', file]);
  assert.is(r.code, 0);
  assert.match(r.stderr, /08_boot_assessment\.yaml:\d+:\d+ .*unknown key `permsisions` is ignored; did you mean `permissions`\?/);
});

corpus('a whole directory of the corpus plans as one chain, file after file', async () => {
  const dir = join(CORPUS, 'kairos/kairos-init/pkg/bundled/cloudconfigs');
  const r = await yip(['-a', '-s', 'initramfs', dir]);
  assert.is(r.code, 0, r.stderr);
  const layers = [...r.stdout.matchAll(/layer (\d+):/g)].length;
  const steps = [...r.stdout.matchAll(/^\s+- /gm)].length;
  assert.ok(steps > 10);
  assert.ok(layers >= steps - 2, `the files chain (${layers} layers for ${steps} steps)`);
});

corpus.run();
