// `yipts plan` against a real run, key by key, on a Debian root: what the plan says each key
// would change is what the real run then changes, and planning itself changes nothing (the
// root's tree and the mounts under it are the same before and after, no command ran).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { lstat, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Change } from '../../packages/core/src/index.js';
import { debianRoot, findMountsUnder } from '../fixtures/index.js';
import type { TempRoot } from '../fixtures/index.js';
import { yip } from '../helpers/cli.js';
import { changedPaths, snapshot } from './tree.js';

const test = suite('plan: every built-in key, planned then run on a Debian root');
let root: TempRoot;
let config: string;

interface PlanStep {
  readonly id: string;
  readonly status: string;
  readonly errors: string[];
  readonly changes: (Change & { diff?: string })[];
}

const CONFIG = `name: keys
stages:
  default:
    - name: files
      files:
        - path: /etc/motd
          content: "planned {{ \\"motd\\" | upper }}\\n"
          permissions: 0600
        - path: /etc/yipts/new.conf
          content: "a=1\\n"
      directories:
        - path: /var/lib/yipts-plan/data
          permissions: 0750
    - name: environment
      environment: { PLAN_TEST: "yes" }
    - name: hostname
      hostname: planned-host
    - name: dns
      dns: { nameservers: [192.0.2.53] }
    - name: sysctl
      sysctl: { vm.swappiness: "10" }
    - name: timesyncd
      timesyncd: { NTP: 192.0.2.123 }
    - name: modules
      modules: [dummy numdummies=2]
    - name: systemctl
      systemctl:
        enable: [systemd-networkd.service]
        overrides:
          - service: systemd-networkd
            content: "[Service]\\nNice=5\\n"
    - name: users
      users:
        planner:
          passwd: "$6$salt$notarealhashbutlongenough"
          shell: /bin/bash
          groups: [users]
    - name: entities
      ensure_entities:
        - path: /etc/group
          entity: |
            kind: group
            group_name: planners
            password: x
            gid: 4242
            users: root
    - name: commands
      commands: [touch /plan-marker]
`;

/** Paths of the root a planned change accounts for. */
function plannedPaths(change: Change): string[] {
  if (change.kind === 'file' || change.kind === 'directory') return [change.path];
  if (change.kind === 'account') return [change.database];
  if (change.kind === 'command' && change.command === 'touch /plan-marker') return ['/plan-marker'];
  return [];
}

/** A new account's group goes to gshadow too, and its home gets the skeleton files. */
const byAccount = (path: string) => path === '/etc/gshadow' || path.startsWith('/home/planner/');

/** systemctl enable makes links in *.wants directories, whose names depend on the unit's [Install] section. */
const byUnitEnable = (path: string) =>
  /^\/etc\/systemd\/system\/[^/]+\.(wants|requires)(\/|$)/.test(path) || /^\/etc\/systemd\/system\/[^/]+\.(service|socket)$/.test(path);

let planned: PlanStep[] = [];

test.before(async () => {
  root = await debianRoot();
  config = join(root.path, '..', `${root.path.split('/').pop()}-plan.yaml`);
  await writeFile(config, CONFIG);
});

test.after(async () => {
  await rm(config, { force: true });
  await root?.cleanup();
});

test('planning changes nothing: same tree, nothing mounted, the command not run; exit 2 and JSON', async () => {
  const before = await snapshot(root.path);
  const res = await yip(['plan', '--root', root.path, '--format', 'json', '-s', 'default', config], { timeoutMs: 120_000 });
  assert.is(res.code, 2, res.stderr);
  const after = await snapshot(root.path);
  assert.equal(changedPaths(before, after), [], 'the root is as it was');
  assert.equal(await findMountsUnder(root.path), []);
  assert.not.ok(existsSync(join(root.path, 'plan-marker')), 'the command did not run');
  const json = JSON.parse(res.stdout) as { changed: boolean; stages: { steps: PlanStep[] }[] };
  assert.ok(json.changed);
  planned = json.stages.flatMap((s) => s.steps);
  for (const step of planned) assert.equal(step.errors, [], step.id);
  const kinds = (id: string) => planned.find((s) => s.id === `keys.${id}`)?.changes.map((c) => c.kind);
  // directories come before files in the fixed action order
  assert.equal(kinds('files'), ['directory', 'directory', 'file', 'directory', 'file']);
  assert.equal(kinds('commands'), ['command']);
  assert.ok(kinds('systemctl')?.includes('unit'), 'the unit would be enabled');
  const users = JSON.stringify(planned.find((s) => s.id === 'keys.users')?.changes);
  assert.not.match(users, 'notarealhash', 'password hashes are masked');
  assert.match(users, 'planner:********');
  const motd = planned.find((s) => s.id === 'keys.files')!.changes.find((c) => c.kind === 'file' && c.path === '/etc/motd')!;
  assert.is(motd.kind === 'file' && motd.after, 'planned MOTD\n', 'templates rendered as in a real run');
  assert.match(motd.diff ?? '', '+planned MOTD');
});

test('the real run changes what the plan said, key by key', async () => {
  const before = await snapshot(root.path);
  const res = await yip(['-s', 'default', '--root', root.path, config], { timeoutMs: 120_000 });
  assert.is(res.code, 0, res.stderr);
  const changed = changedPaths(before, await snapshot(root.path));
  const expected = new Set(planned.flatMap((s) => s.changes.flatMap(plannedPaths)));
  const unplanned = (p: string) => byUnitEnable(p) || byAccount(p);
  assert.equal(
    changed.filter((p) => !unplanned(p) || expected.has(p)),
    [...expected].sort(),
    'every path the plan named, and no other',
  );
  assert.ok(changed.some(byUnitEnable), 'systemctl enable linked the unit');
  for (const step of planned) {
    for (const change of step.changes) {
      if (change.kind === 'file') {
        const full = join(root.path, change.path);
        if (change.after !== undefined) assert.is(await readFile(full, 'utf8'), change.after, `${step.id}: ${change.path}`);
        if (change.to?.mode !== undefined)
          assert.is((await lstat(full)).mode & 0o7777, change.to.mode, `${step.id}: mode of ${change.path}`);
      }
      if (change.kind === 'directory') assert.ok((await lstat(join(root.path, change.path))).isDirectory(), change.path);
      if (change.kind === 'account') {
        const entry = (await readFile(join(root.path, change.database), 'utf8')).split('\n').find((l) => l.split(':')[0] === change.name);
        assert.ok(entry, `${step.id}: ${change.name} in ${change.database}`);
        // The plan's line, its hash masked; a new shadow line's ageing fields are not planned.
        const line = entry!.replace(/^([^:]*):\$6\$[^:]*/, '$1:********');
        if (change.database !== '/etc/shadow')
          assert.is(line, change.after, `${step.id}: the line of ${change.name} in ${change.database}`);
        else assert.ok(line.startsWith(change.after!.replace(/…$/, '')), `${step.id}: ${line} begins as ${change.after}`);
      }
      if (change.kind === 'unit')
        assert.ok(
          changed.some((p) => byUnitEnable(p) && p.endsWith(change.unit)),
          change.unit,
        );
    }
  }
  assert.match(
    await readlink(join(root.path, 'etc/systemd/system/multi-user.target.wants/systemd-networkd.service')),
    'systemd-networkd.service',
  );
});

test('planned again after the run: nothing left to change but the command; without it exit 0', async () => {
  const again = await yip(['plan', '--root', root.path, '--format', 'json', '-s', 'default', config], { timeoutMs: 120_000 });
  assert.is(again.code, 2, again.stderr);
  const steps = (JSON.parse(again.stdout) as { stages: { steps: PlanStep[] }[] }).stages.flatMap((s) => s.steps);
  assert.equal(
    steps.flatMap((s) => s.changes.map((c) => c.kind)),
    ['command'],
  );
  await writeFile(config, CONFIG.replace(/ {4}- name: commands\n.*\n/, ''));
  const none = await yip(['plan', '--root', root.path, '-s', 'default', config], { timeoutMs: 120_000 });
  assert.is(none.code, 0, none.stdout + none.stderr);
  assert.match(none.stdout, 'Plan: 0 to add, 0 to change, 0 to remove, 0 to run.');
});

test.run();
