import * as assert from 'uvu/assert';
import { filesUnder, runYaml, tempRoot } from '@yipts/testing';
import stampPlugin from './stamp-plugin.js';

export async function stampWritesOneLinePerStep(): Promise<void> {
  const root = await tempRoot({ 'etc/os-release': 'ID=test\n' });
  try {
    const yaml = 'name: demo\nstages:\n  default:\n    - stamp: {text: first}\n    - stamp: {text: second, level: notice}\n';
    const { steps, errors, warnings, events } = await runYaml(yaml, {
      plugins: [stampPlugin({ file: '/var/log/stamps' })],
      root: root.path,
    });
    assert.equal(
      steps.map((step) => step.status),
      ['ok', 'ok'],
    );
    assert.equal([errors, warnings], [[], []]);
    assert.equal(
      events.filter((e) => e.hook === 'action:stamp').map((e) => e.step),
      ['demo.0', 'demo.1'],
    );
    assert.equal((await filesUnder(root.path))['var/log/stamps'], { mode: 0o644, content: 'demo.0 info: first\ndemo.1 notice: second\n' });
  } finally {
    await root.cleanup();
  }
}
