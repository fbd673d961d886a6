import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTION_ORDER, createExecutor, defineAction, definePlugin, s } from '@yipts/core';
import type { RunResult } from '@yipts/core';
import { parseTemplate } from '@yipts/template';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import templatesPlugin, { collectTemplateData } from '../src/index.js';

import { CORPUS_DIR as CORPUS } from '@yipts/test-fixtures';

/** A plugin that records what `echo` values render to. */
function recorder(out: string[]) {
  return definePlugin({
    name: 'recorder',
    actions: {
      echo: defineAction({ schema: s.string(), order: ACTION_ORDER.COMMANDS, run: (value, ctx) => void out.push(ctx.render(value)) }),
    },
  });
}

async function render(texts: string[], root = '/'): Promise<{ out: string[]; logs: string[]; result: RunResult }> {
  const out: string[] = [];
  const logs: string[] = [];
  const executor = createExecutor({
    plugins: [templatesPlugin(), recorder(out)],
    logger: { log: (level, message) => logs.push(`${level}: ${message}`) },
  });
  const result = await executor.runStage(
    'default',
    [{ kind: 'object', name: 'inline', config: { stages: { default: texts.map((t) => ({ echo: t })) } } }],
    { root },
  );
  return { out, logs, result };
}

const t = suite('templates plugin');

t('system facts, machine id, keyed id, missing keys, escapes and sprig functions', async () => {
  const root = mkdtempSync(join(tmpdir(), 'yipts-tpl-'));
  try {
    mkdirSync(join(root, 'etc'));
    writeFileSync(join(root, 'etc/machine-id'), '0123456789abcdef0123456789abcdef\n');
    writeFileSync(join(root, 'etc/os-release'), 'ID=opensuse-leap\nVERSION_ID="15.6"\nPRETTY_NAME="openSUSE Leap 15.6"\n');
    const { out, result } = await render(
      [
        'kairos-{{ trunc 4 .MachineID }}',
        '{{ .Values.os.name }} {{ .Values.os.version }}',
        '{{ .Values.node.hostname }}',
        '{{ .Values.nope }}',
        '{{"{{"}} literal',
        '{{ .ProtectedID }}',
        '{{ upper "x" | printf "%s-%s" "a" }}',
        '{{ len .Random }}',
      ],
      root,
    );
    assert.ok(result.ok);
    assert.is(out[0], 'kairos-0123');
    assert.is(out[1], 'opensuse-leap 15.6');
    assert.is(out[2], (await import('node:os')).hostname());
    assert.is(out[3], '<no value>');
    assert.is(out[4], '{{ literal');
    const { createHmac } = await import('node:crypto');
    assert.is(out[5], createHmac('sha256', '0123456789abcdef0123456789abcdef').update('yip').digest('hex'));
    assert.is(out[6], 'a-X');
    assert.is(out[7], '32');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

t('a template that does not parse is left as written, with a warning', async () => {
  const { out, logs, result } = await render(['{{ .Broken', 'plain {{ nosuchfunc 1 }}', 'no template here']);
  assert.ok(result.ok, 'a bad template is not a step failure');
  assert.equal(out, ['{{ .Broken', 'plain {{ nosuchfunc 1 }}', 'no template here']);
  assert.is(logs.filter((l) => l.startsWith('warning: template left unrendered')).length, 2);
});

t('a runaway template fails its step at once, naming the file, the step and the position', async () => {
  const out: string[] = [];
  const records: { level: string; message: string; file?: string; stepId?: string }[] = [];
  const executor = createExecutor({
    plugins: [templatesPlugin(), recorder(out)],
    logger: { log: (level, message, meta) => records.push({ level, message, ...meta }) },
  });
  const text =
    'stages:\n  default:\n    - name: runaway\n      echo: "{{ randAlphaNum 99999999 }}"\n    - name: fine\n      echo: "{{ until 3 }}"\n';
  const started = performance.now();
  const result = await executor.runStage('default', [{ kind: 'inline', name: '/oem/limits.yaml', text }]);
  assert.ok(performance.now() - started < 3000, 'stopped at once');
  assert.not.ok(result.ok);
  const error = records.find((r) => r.level === 'error');
  assert.ok(error, JSON.stringify(records));
  assert.is(error!.file, '/oem/limits.yaml');
  assert.is(error!.stepId, '/oem/limits.yaml.runaway');
  assert.match(error!.message, /template stopped: template: 1:4: executing at <randAlphaNum 99999999>: .*exceeds the limit/);
  assert.equal(out, ['{{ randAlphaNum 99999999 }}', '[0 1 2]'], 'the other step still renders');
});

t('facts are read from the target root, and .Values has the documented shape', async () => {
  const data = await collectTemplateData({
    options: { root: '/', dotNotation: false, analyze: false, concurrency: 1, env: {} },
    logger: { log() {} },
    signal: new AbortController().signal,
    state: new Map(),
  });
  for (const key of ['node', 'os', 'kernel', 'product', 'cpu', 'memory']) assert.ok(key in data.Values, key);
  assert.type((data.Values.memory as { size: number }).size, 'number');
  assert.match(String((data.Values.kernel as { release: string }).release), /\d/);
});

t('every template in the real corpus parses', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const n of readdirSync(dir)) {
      const f = join(dir, n);
      if (statSync(f).isDirectory()) walk(f);
      else if (/\.ya?ml$/.test(n)) files.push(f);
    }
  };
  walk(CORPUS);
  let found = 0;
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      const m = /\{\{.*\}\}/.exec(line);
      if (!m) continue;
      found++;
      parseTemplate(m[0]).execute({ MachineID: 'abcdef', Values: {} });
    }
  }
  assert.ok(found >= 1, 'the corpus has templates');
});

t.run();
