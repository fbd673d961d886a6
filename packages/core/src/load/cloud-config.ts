/**
 * `#cloud-config` files, turned into yip stages the way yip does:
 * runcmd, write_files, users and ssh_authorized_keys go to `boot`; `github:`/`gitlab:` keys to
 * `network` (they need it); hostname to `initramfs`; growpart devices to `boot` layout steps; a
 * `stages:` block in the same file is appended. Positions are kept for error messages.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { MapEntry, MapNode, Position, YNode } from '../node.js';
import { entry, getEntry, mapNode, scalar, seqNode } from '../node.js';

const HEADER_SCAN_LINES = 20;

export const CLOUD_INIT_NAME = 'Cloud init';

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

const isRemoteKey = (key: string) => key.startsWith('github:') || key.startsWith('gitlab:');

export function convertCloudConfig(root: MapNode, file: string, diagnostics: Diagnostic[]): MapNode {
  const boot: MapEntry[] = [];
  const network: MapEntry[] = [];
  const initramfs: MapEntry[] = [];
  const layoutSteps: YNode[] = [];

  const runcmd = getEntry(root, 'runcmd');
  if (runcmd) boot.push(entry('commands', commandsOf(runcmd.value), runcmd.keyPos));

  const writeFiles = getEntry(root, 'write_files');
  if (writeFiles && writeFiles.value.kind === 'seq') boot.push(entry('files', seqNode(writeFiles.value.items.map(fileOf), writeFiles.value.pos), writeFiles.keyPos));

  const users = getEntry(root, 'users');
  const userNames: string[] = [];
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
      userNames.push(login);
      entries.push(entry(login, userOf(u), nameEntry.keyPos));
    }
    boot.push(entry('users', mapNode(entries, users.value.pos), users.keyPos));
  }

  const keys = getEntry(root, 'ssh_authorized_keys');
  if (keys && keys.value.kind === 'seq') {
    const owners = userNames.length ? userNames : ['root'];
    const local = keys.value.items.filter((k) => !(k.kind === 'scalar' && isRemoteKey(String(k.value))));
    const remote = keys.value.items.filter((k) => k.kind === 'scalar' && isRemoteKey(String(k.value)));
    const byUser = (items: YNode[]) => mapNode(owners.map((o) => entry(o, seqNode(items, keys.value.pos), keys.keyPos)), keys.value.pos);
    if (local.length) boot.push(entry('authorized_keys', byUser(local), keys.keyPos));
    if (remote.length) network.push(entry('authorized_keys', byUser(remote), keys.keyPos));
  }

  const hostname = getEntry(root, 'hostname');
  if (hostname) initramfs.push(entry('hostname', hostname.value, hostname.keyPos));

  const growpart = getEntry(root, 'growpart');
  const devices = growpart?.value.kind === 'map' ? getEntry(growpart.value, 'devices') : undefined;
  if (devices && devices.value.kind === 'seq') {
    for (const dev of devices.value.items) {
      const p = dev.pos;
      layoutSteps.push(
        mapNode([
          entry('name', scalar('Expand partition', p)),
          entry('layout', mapNode([entry('device', mapNode([entry('path', dev, p)], p), p), entry('expand_partition', mapNode([entry('size', scalar(0, p))], p), p)], p), p),
        ], p),
      );
    }
  }

  for (const e of root.entries) {
    if (!HANDLED.has(e.key)) diagnostics.push(diagnostic('warning', 'cloud-config', `cloud-config key \`${e.key}\` is not supported and is ignored`, file, e.keyPos));
  }

  const stages: MapEntry[] = [];
  const pos = root.pos;
  const step = (entries: MapEntry[]) => mapNode(entries, entries[0]?.keyPos ?? pos);
  if (boot.length || layoutSteps.length) stages.push(entry('boot', seqNode([...(boot.length ? [step(boot)] : []), ...layoutSteps], pos), pos));
  if (network.length) stages.push(entry('network', seqNode([step(network)], pos), pos));
  if (initramfs.length) stages.push(entry('initramfs', seqNode([step(initramfs)], pos), pos));

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
  // yip names every converted config "Cloud init": its step ids are `Cloud init.0`, `Cloud init.1`…
  return mapNode([entry('name', scalar(CLOUD_INIT_NAME, pos)), entry('stages', mapNode(stages, pos), pos)], pos);
}

function commandsOf(node: YNode): YNode {
  if (node.kind !== 'seq') return node;
  return seqNode(
    node.items.map((item) => (item.kind === 'seq' ? scalar(item.items.map((a) => (a.kind === 'scalar' ? shellQuote(String(a.value ?? '')) : '')).join(' '), item.pos) : item)),
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
      out.push(entry('permissions', { kind: 'scalar', value: text.startsWith('0') ? text : `0${text}`, source: text, quoted: true, pos: e.value.pos }, e.keyPos));
    } else out.push(e);
  }
  return mapNode(out, node.pos);
}

function userOf(node: MapNode): YNode {
  const out: MapEntry[] = [];
  for (const e of node.entries) {
    if (e.key === 'name') continue;
    if (e.key === 'groups' && e.value.kind === 'scalar') {
      const p: Position = e.value.pos;
      const groups = String(e.value.value ?? '').split(',').map((g) => g.trim()).filter(Boolean);
      out.push(entry('groups', seqNode(groups.map((g) => scalar(g, p)), p), e.keyPos));
    } else out.push(e);
  }
  return mapNode(out, node.pos);
}
