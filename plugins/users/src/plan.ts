/**
 * Plan mode of `users`: the passwd, shadow and group lines each user would get, its home and its
 * authorized keys, read straight from the root's files (nothing shared with the writing code,
 * which only this plugin's run uses). Password hashes are masked. A new user's uid is the one
 * the run would pick when the spec gives none: the lowest free from 1000, or for a system
 * account the highest free below 1000.
 */
import { directoryChange, newDirectories } from '@yipts/core';
import type { ActionContext, Change, UserSpec } from '@yipts/core';
import { readPathState } from '@yipts/system';

type Table = string[][];

async function table(root: string, path: string): Promise<Table> {
  const text = (await readPathState(root, path)).content?.toString('utf8') ?? '';
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(':'));
}

const masked = (password: string | undefined) =>
  password && !/^[!*x]*$/.test(password) ? (password.startsWith('!') ? '!********' : '********') : (password ?? '');

function freeId(rows: Table, system: boolean): number {
  const used = new Set(rows.map((r) => Number(r[2])));
  if (system) for (let id = 999; id >= 100; id--) if (!used.has(id)) return id;
  for (let id = 1000; ; id++) if (!used.has(id)) return id;
}

export async function planUsers(users: Readonly<Record<string, UserSpec>>, ctx: ActionContext): Promise<Change[]> {
  const root = ctx.run.options.root;
  const [passwd, shadow, group] = await Promise.all([table(root, '/etc/passwd'), table(root, '/etc/shadow'), table(root, '/etc/group')]);
  const changes: Change[] = [];
  for (const [key, spec] of Object.entries(users)) {
    const login = ctx.render(spec.name || key);
    const existing = passwd.find((r) => r[0] === login);
    const password = spec.passwd ? masked(ctx.render(spec.passwd)) : undefined;
    if (existing) {
      const after = [...existing];
      if (spec.gecos !== undefined) after[4] = spec.gecos;
      if (spec.homedir) after[5] = spec.homedir;
      if (spec.shell) after[6] = spec.shell;
      if (after.join(':') !== existing.join(':'))
        changes.push({
          kind: 'account',
          action: 'change',
          database: '/etc/passwd',
          name: login,
          before: existing.join(':'),
          after: after.join(':'),
        });
      const shadowRow = shadow.find((r) => r[0] === login);
      if (password !== undefined && shadowRow && shadowRow[1] !== spec.passwd) {
        const after = [login, password, ...shadowRow.slice(2)].join(':');
        changes.push({
          kind: 'account',
          action: 'change',
          database: '/etc/shadow',
          name: login,
          before: [login, masked(shadowRow[1]), ...shadowRow.slice(2)].join(':'),
          after,
        });
      }
    } else {
      const uid = spec.uid ? Number(spec.uid) : freeId(passwd, spec.system === true);
      const own = group.find((r) => r[0] === (spec.primary_group || login));
      // As the run: a new own group takes the first free gid, whatever the uid, with the user as member.
      const gid = own ? Number(own[2]) : freeId(group, spec.system === true);
      if (!own && !spec.primary_group)
        changes.push({ kind: 'account', action: 'add', database: '/etc/group', name: login, after: `${login}:x:${gid}:${login}` });
      const home = spec.homedir || `/home/${login}`;
      changes.push({
        kind: 'account',
        action: 'add',
        database: '/etc/passwd',
        name: login,
        after: `${login}:x:${uid}:${gid}:${spec.gecos || 'Created by entities'}:${home}:${spec.shell || '(default shell)'}`,
      });
      changes.push({
        kind: 'account',
        action: 'add',
        database: '/etc/shadow',
        name: login,
        after: `${login}:${password ?? (spec.lock_passwd === false ? '' : '!')}:…`,
      });
      if (!spec.no_create_home) changes.push(...(await homeChanges(root, home, uid, gid)));
    }
    for (const name of spec.groups ?? []) {
      const row = group.find((r) => r[0] === name);
      if (row && !(row[3] ?? '').split(',').includes(login)) {
        const after = [...row.slice(0, 3), [row[3], login].filter(Boolean).join(',')].join(':');
        changes.push({ kind: 'account', action: 'change', database: '/etc/group', name, before: row.join(':'), after });
      }
    }
    for (const key of spec.ssh_authorized_keys ?? []) {
      const fetched = /^(github|gitlab):/.exec(key) ? key : undefined;
      changes.push(
        fetched
          ? { kind: 'fetch', url: fetched, target: `~${login}/.ssh/authorized_keys` }
          : { kind: 'note', text: `key added to ~${login}/.ssh/authorized_keys` },
      );
    }
  }
  return changes;
}

async function homeChanges(root: string, home: string, uid: number, gid: number): Promise<Change[]> {
  const current = await readPathState(root, home);
  if (current.exists) return [];
  const parent = home.replace(/\/[^/]+\/?$/, '') || '/';
  const parentMissing = !(await readPathState(root, parent)).exists;
  return [...(parentMissing ? newDirectories([parent], { mode: 0o755 }) : []), ...directoryChange(home, current, { uid, gid })];
}
