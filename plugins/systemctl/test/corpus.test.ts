/**
 * Every real config of the corpus that uses one of the system keys (dns, downloads, hostname,
 * sysctl, modules, environment, timesyncd, systemd_firstboot, systemctl) runs, stage by stage,
 * inside a throwaway Debian root with all nine system plugins and the conditionals. Each error
 * must be one yip would give in the same root (listed below with its reason); nothing may be
 * written to the host.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseText } from '@yipts/core';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { debianRoot } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';
import conditionalsPlugin from '@yipts/plugin-conditionals';
import dnsPlugin from '@yipts/plugin-dns';
import downloadsPlugin from '@yipts/plugin-downloads';
import environmentPlugin from '@yipts/plugin-environment';
import hostnamePlugin from '@yipts/plugin-hostname';
import modulesPlugin from '@yipts/plugin-modules';
import sysctlPlugin from '@yipts/plugin-sysctl';
import systemdFirstbootPlugin from '@yipts/plugin-systemd-firstboot';
import templatesPlugin from '@yipts/plugin-templates';
import timesyncdPlugin from '@yipts/plugin-timesyncd';
import systemctlPlugin from '../src/index.js';
import { runYaml } from '@yipts/testing';

import { CORPUS_DIR as CORPUS } from '@yipts/test-fixtures';
const SYSTEM_KEYS = new Set([
  'dns',
  'downloads',
  'hostname',
  'sysctl',
  'modules',
  'environment',
  'environment_file',
  'timesyncd',
  'systemd_firstboot',
  'systemctl',
]);

/** Errors yip gives too in this root, each with why. Anything else fails the test. */
const PREDICTED: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  {
    pattern: /enable systemd-timesyncd` exited with status 1[\s\S]*does not exist/,
    why: 'Debian ships systemd-timesyncd in its own package, not installed in the test root',
  },
  {
    pattern: /enable systemd-confext` exited with status 1[\s\S]*does not exist/,
    why: 'systemd-confext appeared in systemd 254; the root has 252',
  },
  { pattern: /enable iscsid` exited with status 1[\s\S]*does not exist/, why: 'open-iscsi is not installed in the test root' },
  { pattern: /enable logrotate\.timer` exited with status 1[\s\S]*does not exist/, why: 'logrotate is not installed in the test root' },
];

/** The corpus files that use a system key in some step, with the stages they have. */
async function corpusFiles(): Promise<{ path: string; text: string; stages: string[] }[]> {
  const out: { path: string; text: string; stages: string[] }[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.ya?ml$/.test(entry.name)) {
        const text = await readFile(path, 'utf8');
        const loaded = parseText(text, path, false);
        const uses = [...loaded.stages.values()].some((steps) =>
          steps.some((s) => s.kind === 'map' && s.entries.some((e) => SYSTEM_KEYS.has(e.key))),
        );
        if (uses) out.push({ path, text, stages: [...loaded.stages.keys()] });
      }
    }
  };
  await walk(CORPUS);
  return out;
}

async function hostState(): Promise<Record<string, string | null>> {
  const read = (p: string) => readFile(p, 'utf8').catch(() => null);
  return {
    hostname: await read('/proc/sys/kernel/hostname'),
    etcHostname: await read('/etc/hostname'),
    hosts: await read('/etc/hosts'),
    environment: await read('/etc/environment'),
    cosLayout: await read('/run/cos/cos-layout.env'),
    sysctlConf: await read('/etc/sysctl.d/99-yipts.conf'),
    maxMapCount: await read('/proc/sys/vm/max_map_count'),
    rmemMax: await read('/proc/sys/net/core/rmem_max'),
    vconsole: await read('/etc/vconsole.conf'),
    localtime: await readlink('/etc/localtime').catch(() => null),
    timesyncd: await read('/etc/systemd/timesyncd.conf.d/10-yip.conf'),
  };
}

let root: TempRoot;

test.before(async () => {
  root = await debianRoot();
});

test.after(async () => {
  await root?.cleanup();
});

test('every corpus file using a system key runs in a Debian root with only predicted errors', async () => {
  const files = await corpusFiles();
  assert.ok(files.length >= 15, `found ${files.length} corpus files`);
  const before = await hostState();
  const plugins = [
    dnsPlugin(),
    downloadsPlugin({ retries: 0 }),
    hostnamePlugin(),
    sysctlPlugin(),
    modulesPlugin(),
    environmentPlugin(),
    timesyncdPlugin(),
    systemdFirstbootPlugin(),
    systemctlPlugin(),
    conditionalsPlugin(),
    templatesPlugin(),
  ];
  const unexpected: string[] = [];
  const seen = new Set<RegExp>();
  let ran = 0;
  for (const file of files) {
    for (const stage of file.stages) {
      const run = await runYaml(file.text, { plugins, root: root.path, stage });
      ran += run.steps.filter((s) => s.status !== 'skipped').length;
      for (const error of run.errors.map((e) => e.message)) {
        const known = PREDICTED.find((p) => p.pattern.test(error));
        if (known) seen.add(known.pattern);
        else unexpected.push(`${relative(CORPUS, file.path)} [${stage}]: ${error}`);
      }
    }
  }
  assert.equal(unexpected, [], unexpected.join('\n\n'));
  assert.ok(ran > 20, `${ran} steps ran`);
  assert.equal(await hostState(), before, 'nothing outside the root changed');

  // What the configs asked for is in the root.
  const etc = (p: string) => join(root.path, 'etc', p);
  assert.match(await readFile(etc('sysctl.d/99-yipts.conf'), 'utf8'), /^vm\.max_map_count = 262144$/m);
  assert.match(await readFile(join(root.path, 'run/cos/cos-layout.env'), 'utf8'), /^OVERLAY="tmpfs:25%"$/m);
  assert.is(await readlink(etc('systemd/system/systemd-machine-id-commit.service')), '/dev/null');
  assert.is(await readlink(etc('systemd/system/purge-kernels.service')), '/dev/null');
  assert.is(
    await readlink(etc('systemd/system/sysinit.target.wants/systemd-sysext.service')),
    '/lib/systemd/system/systemd-sysext.service',
  );
  assert.is(await readFile(etc('vconsole.conf'), 'utf8'), 'KEYMAP=us\n');
  assert.match(
    await readFile(etc('hostname'), 'utf8'),
    /^kairos-[0-9a-f]{4}\n$/,
    'the last file to set it renders kairos-{{ trunc 4 .MachineID }}',
  );
  assert.equal(
    PREDICTED.filter((p) => !seen.has(p.pattern)).map((p) => p.why),
    [],
    'every predicted error still happens',
  );
});

test.run();
