import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { busyboxRoot } from '../fixtures/index.js';
import { yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const runStage = suite('yip run-stage');
const roots: Array<{ cleanup(): Promise<void> }> = [];
runStage.after.each(async () => {
  removeTempDirs();
  while (roots.length) await roots.pop()!.cleanup();
});

async function root(): Promise<string> {
  const r = await busyboxRoot();
  roots.push(r);
  return r.path;
}

/**
 * These tests are about run-stage itself, not about partitions: an executor configuration
 * tells the mount plugin to look for no label, so a COS_OEM loop device that another test has
 * attached meanwhile is never mounted over the root's /oem.
 */
function hermetic(): string[] {
  const dir = tempDir();
  writeTree(dir, { 'yip.config.yaml': 'pluginOptions:\n  mount:\n    labels: {}\n' });
  return ['--config', join(dir, 'yip.config.yaml')];
}

const append = (stage: string, label: string) => `stages:\n  ${stage}:\n    - commands: ["echo ${label} >> /log"]\n`;

runStage('runs STAGE.before, STAGE, STAGE.after across the config paths, inside the root', async () => {
  const r = await root();
  writeTree(r, {
    'system/oem/10.yaml':
      append('upgrade.before', 'before-system') +
      append('upgrade', 'main-system').replace('stages:\n', '') +
      append('upgrade.after', 'after-system').replace('stages:\n', ''),
    'oem/20.yaml': append('upgrade', 'main-oem') + append('upgrade.before', 'before-oem').replace('stages:\n', ''),
    'usr/local/cloud-config/30.yaml':
      append('upgrade.after', 'after-persistent') + append('upgrade', 'main-persistent').replace('stages:\n', ''),
    'extra/40.yaml': append('upgrade', 'main-extra'),
  });
  const res = await yip(['run-stage', ...hermetic(), '--root', r, '--cloud-init-paths', '/extra', '--no-cmdline', 'upgrade']);
  assert.is(res.code, 0, res.stderr);
  assert.is(
    readFileSync(join(r, 'log'), 'utf8'),
    [
      'before-system',
      'before-oem',
      'main-system',
      'main-oem',
      'main-persistent',
      'main-extra',
      'after-system',
      'after-persistent',
      '',
    ].join('\n'),
  );
});

runStage('commands run inside the root, files are written inside it; missing paths are skipped', async () => {
  const r = await root();
  writeTree(r, {
    'oem/install.yaml': `
stages:
  after-upgrade-chroot:
    - files:
        - path: /etc/marker
          content: in-root
      commands:
        - grep PRETTY_NAME /etc/os-release > /seen-os
`,
  });
  const res = await yip(['run-stage', ...hermetic(), '--root', r, '--no-cmdline', 'after-upgrade-chroot']);
  assert.is(res.code, 0, res.stderr);
  assert.match(readFileSync(join(r, 'seen-os'), 'utf8'), /yipts busybox test root/, 'the command saw the root, not the host');
  assert.is(readFileSync(join(r, 'etc/marker'), 'utf8'), 'in-root');
  assert.not.ok(existsSync('/seen-os'));
});

runStage('exit 0 when a step fails, 65 with --strict', async () => {
  const r = await root();
  writeTree(r, { 'oem/f.yaml': 'stages: {boot: [{commands: ["exit 9"]}, {commands: ["touch /ran-anyway"]}]}' });
  const lax = await yip(['run-stage', ...hermetic(), '--root', r, '--no-cmdline', 'boot']);
  assert.is(lax.code, 0);
  assert.match(lax.stderr, /exited with status 9/);
  assert.ok(existsSync(join(r, 'ran-anyway')));
  const strict = await yip(['run-stage', ...hermetic(), '--strict', '--root', r, '--no-cmdline', 'boot']);
  assert.is(strict.code, 65);
});

runStage('the kernel command line: dot-notation stages and a cos.setup URI', async () => {
  const r = await root();
  const server = createServer((req, res) => {
    if (req.url === '/setup.yaml') res.end('stages: {boot: [{commands: ["echo from-uri >> /log"]}]}');
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const port = (server.address() as AddressInfo).port;
    const dir = tempDir();
    const cmdline = join(dir, 'cmdline');
    writeTree(dir, {
      cmdline: `BOOT_IMAGE=/boot/vmlinuz console=tty1 cos.setup=http://127.0.0.1:${port}/setup.yaml stages.boot[0].commands[0]="echo from-cmdline >> /log"\n`,
    });
    writeTree(r, { 'oem/a.yaml': append('boot', 'from-oem') });
    const res = await yip(['run-stage', ...hermetic(), '--root', r, '--cmdline', cmdline, 'boot']);
    assert.is(res.code, 0, res.stderr);
    assert.is(readFileSync(join(r, 'log'), 'utf8'), 'from-oem\nfrom-uri\nfrom-cmdline\n');
    assert.not.match(res.stderr, /console|BOOT_IMAGE/, 'kernel options that are not config are not reported');
  } finally {
    server.close();
  }
});

runStage('needs exactly one stage', async () => {
  const res = await yip(['run-stage']);
  assert.is(res.code, 2);
  assert.match(res.stderr, /exactly one STAGE/);
});

runStage.run();
