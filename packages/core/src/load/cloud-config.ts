/**
 * `#cloud-config` files, turned into yip stages the way yip does: one `boot` step with runcmd,
 * write_files, users and every user's local ssh keys (a user's own keys, then the top-level ones;
 * root's when there is no user), then one layout step per growpart device; one `network` step
 * with the keys of GitHub and GitLab accounts (they need the network); one `initramfs` step with
 * the hostname. yip always makes these three steps, empty or not, so a `stages:` block of the same
 * file is appended after them. Positions are kept for error messages.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { MapEntry, MapNode, Position, YNode } from '../node.js';
import { entry, getEntry, mapNode, scalar, seqNode } from '../node.js';

const HEADER_SCAN_LINES = 20;

/** True when `#cloud-config` stands alone on a line before any line that is not a comment. */
export function isCloudConfig(text: string): boolean {
  const lines = text.split(/\r?\n/, HEADER_SCAN_LINES);
  for (const line of lines) {
    const t = line.trim();
    if (t === '#cloud-config') return true;
    if (t === '' || t.startsWith('#')) continue;
    return false;
  }
  return false;
}

const HANDLED = new Set(['name', 'stages', 'runcmd', 'write_files', 'users', 'ssh_authorized_keys', 'hostname', 'growpart']);

// yip's test: the prefix alone, with or without the colon.
const isRemoteKey = (key: YNode) => key.kind === 'scalar' && /^(github|gitlab)/.test(String(key.value));

export function convertCloudConfig(root: MapNode, file: string, diagnostics: Diagnostic[]): MapNode {
  const boot: MapEntry[] = [];
  const network: MapEntry[] = [];
  const initramfs: MapEntry[] = [];
  const layoutSteps: YNode[] = [];

  const runcmd = getEntry(root, 'runcmd');
  if (runcmd) boot.push(entry('commands', commandsOf(runcmd.value), runcmd.keyPos));

  const writeFiles = getEntry(root, 'write_files');
  if (writeFiles && writeFiles.value.kind === 'seq')
    boot.push(entry('files', seqNode(writeFiles.value.items.map(fileOf), writeFiles.value.pos), writeFiles.keyPos));

  const users = getEntry(root, 'users');
  const globalKeys = getEntry(root, 'ssh_authorized_keys');
  const globalItems = globalKeys?.value.kind === 'seq' ? globalKeys.value.items : [];
  const keysByUser: { login: string; items: readonly YNode[]; pos: Position }[] = [];
  if (users && users.value.kind === 'seq') {
    const entries: MapEntry[] = [];
    for (const u of users.value.items) {
      if (u.kind !== 'map') continue;
      const nameEntry = getEntry(u, 'name');
      if (!nameEntry || nameEntry.value.kind !== 'scalar') {
        diagnostics.push(diagnostic('warning', 'cloud-config', 'a user without `name` is ignored', file, u.pos));
        continue;
      }
      const login = String(nameEntry.value.value);
      const own = getEntry(u, 'ssh_authorized_keys');
      keysByUser.push({ login, items: [...(own?.value.kind === 'seq' ? own.value.items : []), ...globalItems], pos: own?.keyPos ?? u.pos });
      entries.push(entry(login, userOf(u), nameEntry.keyPos));
    }
    boot.push(entry('users', mapNode(entries, users.value.pos), users.keyPos));
  }
  if (keysByUser.length === 0 && globalKeys && globalItems.length) {
    keysByUser.push({ login: 'root', items: globalItems, pos: globalKeys.keyPos });
  }
  const keysMap = (remote: boolean): MapNode | undefined => {
    const owners = keysByUser
      .map(({ login, items, pos }) => ({ login, pos, items: items.filter((k) => isRemoteKey(k) === remote) }))
      .filter((o) => o.items.length > 0);
    if (owners.length === 0) return undefined;
    return mapNode(
      owners.map((o) => entry(o.login, seqNode(o.items, o.pos), o.pos)),
      owners[0]!.pos,
    );
  };
  const localKeys = keysMap(false);
  const remoteKeys = keysMap(true);
  if (localKeys) boot.push(entry('authorized_keys', localKeys, localKeys.pos));
  if (remoteKeys) network.push(entry('authorized_keys', remoteKeys, remoteKeys.pos));

  const hostname = getEntry(root, 'hostname');
  if (hostname) initramfs.push(entry('hostname', hostname.value, hostname.keyPos));

  const growpart = getEntry(root, 'growpart');
  const devices = growpart?.value.kind === 'map' ? getEntry(growpart.value, 'devices') : undefined;
  if (devices && devices.value.kind === 'seq') {
    for (const dev of devices.value.items) {
      const p = dev.pos;
      layoutSteps.push(
        mapNode(
          [
            entry('name', scalar('Expand partition', p)),
            entry(
              'layout',
              mapNode(
                [
                  entry('device', mapNode([entry('path', dev, p)], p), p),
                  entry('expand_partition', mapNode([entry('size', scalar(0, p))], p), p),
                ],
                p,
              ),
              p,
            ),
          ],
          p,
        ),
      );
    }
  }

  for (const e of root.entries) {
    if (!HANDLED.has(e.key))
      diagnostics.push(
        diagnostic('warning', 'cloud-config', `cloud-config key \`${e.key}\` is not supported and is ignored`, file, e.keyPos),
      );
  }

  const stages: MapEntry[] = [];
  const pos = root.pos;
  const step = (entries: MapEntry[]) => mapNode(entries, entries[0]?.keyPos ?? pos);
  stages.push(entry('boot', seqNode([step(boot), ...layoutSteps], pos), pos));
  stages.push(entry('initramfs', seqNode([step(initramfs)], pos), pos));
  stages.push(entry('network', seqNode([step(network)], pos), pos));

  // Stages written in the file itself come after the converted ones.
  const own = getEntry(root, 'stages');
  if (own && own.value.kind === 'map') {
    for (const e of own.value.entries) {
      const existing = stages.findIndex((s) => s.key === e.key);
      if (existing === -1 || e.value.kind !== 'seq') {
        stages.push(e);
        continue;
      }
      const before = stages[existing]!.value;
      const items = before.kind === 'seq' ? [...before.items, ...e.value.items] : e.value.items;
      stages[existing] = entry(e.key, seqNode([...items], before.pos), e.keyPos);
    }
  }
  // No `name`, not even the file's own: yip names the steps of a converted config after its file.
  return mapNode([entry('stages', mapNode(stages, pos), pos)], pos);
}

function commandsOf(node: YNode): YNode {
  if (node.kind !== 'seq') return node;
  return seqNode(
    node.items.map((item) =>
      item.kind === 'seq'
        ? scalar(item.items.map((a) => (a.kind === 'scalar' ? shellQuote(String(a.value ?? '')) : '')).join(' '), item.pos)
        : item,
    ),
    node.pos,
  );
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function fileOf(node: YNode): YNode {
  if (node.kind !== 'map') return node;
  const out: MapEntry[] = [];
  for (const e of node.entries) {
    if (e.key === 'owner') out.push(entry('ownerstring', e.value, e.keyPos));
    else if (e.key === 'permissions' && e.value.kind === 'scalar') {
      // cloud-init permissions are an octal string ('0644'); make sure digits are read as octal.
      const text = String(e.value.kind === 'scalar' && typeof e.value.value === 'string' ? e.value.value : e.value.source);
      out.push(
        entry(
          'permissions',
          { kind: 'scalar', value: text.startsWith('0') ? text : `0${text}`, source: text, quoted: true, pos: e.value.pos },
          e.keyPos,
        ),
      );
    } else out.push(e);
  }
  return mapNode(out, node.pos);
}

function userOf(node: MapNode): YNode {
  const out: MapEntry[] = [];
  for (const e of node.entries) {
    if (e.key === 'name' || e.key === 'ssh_authorized_keys') continue;
    if (e.key === 'groups' && e.value.kind === 'scalar') {
      const p: Position = e.value.pos;
      const groups = String(e.value.value ?? '')
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean);
      out.push(
        entry(
          'groups',
          seqNode(
            groups.map((g) => scalar(g, p)),
            p,
          ),
          e.keyPos,
        ),
      );
    } else out.push(e);
  }
  return mapNode(out, node.pos);
}
