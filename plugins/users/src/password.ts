/**
 * The shadow password field a user spec asks for. A new user without `passwd` is locked (`!`,
 * as useradd leaves it) where yip would leave the field empty, which PAM's nullok turns into a
 * login without any password. `lock_passwd` puts `!` in front of whatever the field holds, also
 * for a user that exists already (yip ignores it there).
 */
import { lockedPassword, shadowPassword } from '@yipts/system';
import type { UserSpec } from '@yipts/core';

export function newUserPassword(spec: UserSpec): string {
  const field = spec.passwd ? shadowPassword(spec.passwd) : '!';
  return spec.lock_passwd ? lockedPassword(field) : field;
}

/**
 * The field for a user that exists, or undefined when the spec does not touch it. A `passwd`
 * the current hash already matches keeps that hash (no new salt at every boot).
 */
export function updatedPassword(spec: UserSpec, current: string | undefined): string | undefined {
  if (!spec.passwd && !spec.lock_passwd) return undefined;
  let field = current ?? '!';
  if (spec.passwd) field = shadowPassword(spec.passwd, field.replace(/^!+/, ''));
  return spec.lock_passwd ? lockedPassword(field) : field;
}
