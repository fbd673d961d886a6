/**
 * The `users` key. Logins are processed in sorted order, so the same config gives the same
 * uids on every machine; a user that exists keeps its uid. Each user's account files are
 * edited under the root's account lock, then its SSH keys are handed to whichever plugin of the
 * executor owns `authorized_keys` (so `disable: [authorized-keys]` disables them here too, and
 * their errors are that plugin's). One failing user never stops the next.
 */
import type { ActionContext, UserSpec } from '@yipts/core';
import { accountFiles, readTable, withAccountLock } from '@yipts/system';
import { createUser } from './create-user.js';
import { makeHome } from './home.js';
import { loginDefaults } from './login-defaults.js';
import { joinGroups } from './supplementary-groups.js';
import { updateUser } from './update-user.js';
import { checkLogin } from './validate.js';

async function applyUser(login: string, spec: UserSpec, ctx: ActionContext): Promise<void> {
  const { root, env } = ctx.run.options;
  const log = (level: 'info' | 'warning' | 'debug', message: string) => ctx.logger.log(level, `user ${login}: ${message}`);
  await withAccountLock(root, async () => {
    const files = await accountFiles(root);
    const existing = (await readTable(files.passwd))?.get(login);
    if (existing) {
      const updated = await updateUser(login, existing, spec, files, env);
      for (const n of updated.notes) log('warning', n);
      log(updated.passwordChanged ? 'info' : 'debug', updated.passwordChanged ? 'password updated' : 'exists, nothing to change');
    } else {
      const created = await createUser(login, spec, files, await loginDefaults(root), env);
      for (const n of created.notes) log('warning', n);
      log('info', `created with uid ${created.uid}, gid ${created.gid}, home ${created.home}`);
      if (!spec.no_create_home && !spec.system) {
        const home = await makeHome(root, created.home, created.uid, created.gid);
        if (home === 'skipped') log('warning', `home ${created.home} is a link or the root itself; left as it is`);
      }
    }
    const missing = await joinGroups(files, login, spec.groups ?? []);
    if (missing.length) log('warning', `not added to ${missing.map((g) => `\`${g}\``).join(', ')}: no such group in /etc/group`);
  });
}

export async function usersAction(value: Readonly<Record<string, UserSpec>>, ctx: ActionContext): Promise<void> {
  for (const login of Object.keys(value).sort()) {
    const spec = value[login] ?? {};
    try {
      checkLogin(login);
      await applyUser(login, spec, ctx);
    } catch (error) {
      ctx.report(new Error(`users.${login}: ${(error as Error).message}`, { cause: error }));
      continue;
    }
    const keys = spec.ssh_authorized_keys ?? [];
    if (keys.length) await ctx.perform('authorized_keys', { [login]: [...keys] });
  }
}
