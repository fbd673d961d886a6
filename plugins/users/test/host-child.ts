// Run by host.test.ts inside a private mount namespace whose /etc and /home are scratch
// copies: the plugins run with root `/`, exactly as on a booted machine, and the host's own
// files are never at risk. Prints what it saw as JSON.
import { execFileSync } from 'node:child_process';
import { createExecutor } from '@yipts/core';
import authorizedKeysPlugin from '@yipts/plugin-authorized-keys';
import entitiesPlugin from '@yipts/plugin-entities';
import usersPlugin from '../src/index.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostModeHostModeHostModeHostModeHost';
const CONFIG = `stages:
  boot:
  - users:
      yipts-hosttest:
        passwd: host-pw
        groups: [audio]
        ssh_authorized_keys: ["${KEY}"]
    ensure_entities:
    - entity: "kind: group\\ngroup_name: yipts-hostgrp\\ngid: 4242"
  - authorized_keys:
      root: ["${KEY}"]
`;

async function main(): Promise<void> {
  const executor = createExecutor({ plugins: [entitiesPlugin(), usersPlugin(), authorizedKeysPlugin()] });
  const result = await executor.runStage('boot', [{ kind: 'inline', name: 'host.yaml', text: CONFIG }], { root: '/' });
  const sh = (argv: string[]) => execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8' }).trim();
  process.stdout.write(
    JSON.stringify({
      errors: result.stages.flatMap((s) => s.steps.flatMap((st) => st.errors.map((e) => e.message))),
      id: sh(['id', 'yipts-hosttest']),
      group: sh(['getent', 'group', 'yipts-hostgrp']),
      home: sh(['stat', '-c', '%a %U', '/home/yipts-hosttest']),
      keys: sh(['stat', '-c', '%a %U', '/home/yipts-hosttest/.ssh/authorized_keys']),
      rootKeys: sh(['cat', '/root/.ssh/authorized_keys']),
    }),
  );
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
