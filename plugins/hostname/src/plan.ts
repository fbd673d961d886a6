/**
 * Plan mode of `hostname`: /etc/hostname and the 127.0.0.1 lines of /etc/hosts as they would
 * be, read straight from the root; on the host, the live name when it differs. Self-contained:
 * it only reads files, and shares no code with the writing side.
 */
import { fileChange, newDirectories } from '@yipts/core';
import type { ActionContext, Change } from '@yipts/core';
import { isHostRoot, missingParents, readPathState } from '@yipts/system';
import { hostname as liveHostname } from 'node:os';

export async function planHostname(template: string, ctx: ActionContext): Promise<Change[]> {
  if (template.trim() === '') return [];
  const name = ctx.render(template).trim();
  if (name === '' || /[\s\x00-\x1f\x7f/]/.test(name)) throw new Error(`\`${name}\` is not a valid host name`);
  const root = ctx.run.options.root;
  const changes: Change[] = [];
  if (isHostRoot(root) && liveHostname() !== name)
    changes.push({ kind: 'live', text: `host name ${liveHostname()} → ${name} (running system)` });
  changes.push(...newDirectories(await missingParents(root, '/etc/hostname'), { mode: 0o755 }));
  changes.push(...fileChange(await readPathState(root, '/etc/hostname'), { path: '/etc/hostname', content: `${name}\n`, mode: 0o644 }));
  const hosts = await readPathState(root, '/etc/hosts');
  const loopback = (line: string) => (line.trim().split(/\s+/)[0] === '127.0.0.1' ? `127.0.0.1 localhost ${name}` : line);
  const lines = hosts.content?.toString('utf8').replace(/\n$/, '').split('\n') ?? ['127.0.0.1'];
  changes.push(
    ...fileChange(hosts, {
      path: '/etc/hosts',
      content: lines.map((l) => `${loopback(l)}\n`).join(''),
      ...(hosts.exists ? {} : { mode: 0o644 }),
    }),
  );
  return changes;
}
