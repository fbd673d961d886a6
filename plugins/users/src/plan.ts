/**
 * Plan mode of `users`: the passwd, shadow and group lines each user would get, its home and its
 * authorized keys, read through the root's account tables and chosen as the run chooses them
 * (`new-user-ids.ts`, the root's useradd defaults). Password hashes are masked.
 */
import { directoryChange, newDirectories } from '@yipts/core';
import type { ActionContext, Change, UserSpec } from '@yipts/core';
import { accountFiles, AccountTable, readPathState, readTable } from '@yipts/system';
import type { AccountFile } from '@yipts/system';
import { loginDefaults } from './login-defaults.js';
import { DEFAULT_GECOS, freeId, ownGroupGid, primaryGid } from './new-user-ids.js';
import { parseId } from './validate.js';

const masked = (password: string | undefined) =>
  password && !/^[!*x]*$/.test(password) ? (password.startsWith('!') ? '!********' : '********') : (password ?? '');

export async function planUsers(users: Readonly<Record<string, UserSpec>>, ctx: ActionContext): Promise<Change[]> {
  const root = ctx.run.options.root;
  const files = await accountFiles(root);
  const tableOf = async (file: AccountFile) => (await readTable(file)) ?? AccountTable.empty(file.kind);
  const [passwd, shadow, group] = await Promise.all([tableOf(files.passwd), tableOf(files.shadow), tableOf(files.group)]);
  const defaults = await loginDefaults(root);
  const changes: Change[] = [];
  for (const [key, spec] of Object.entries(users)) {
    const login = ctx.render(spec.name || key);
    const existing = passwd.get(login);
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
      const shadowRow = shadow.get(login);
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
      const system = spec.system === true;
      const uid = spec.uid ? parseId(spec.uid, 'uid') : freeId(passwd.ids(2), system, 'uid');
      const gid = spec.primary_group ? primaryGid(group, spec.primary_group, '/etc/group') : ownGroupGid(group, login, system);
      if (!spec.primary_group && !group.has(login))
        changes.push({ kind: 'account', action: 'add', database: '/etc/group', name: login, after: `${login}:x:${gid}:${login}` });
      const home = spec.homedir || `${defaults.home.replace(/\/+$/, '')}/${login}`;
      changes.push({
        kind: 'account',
        action: 'add',
        database: '/etc/passwd',
        name: login,
        after: `${login}:x:${uid}:${gid}:${spec.gecos || DEFAULT_GECOS}:${home}:${spec.shell || defaults.shell}`,
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
      const row = group.get(name);
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
