/**
 * What a configured password becomes in /etc/shadow. yip stores a value that starts with `$`
 * as a ready hash and crypts anything else; here `!` and `*` values (locked or disabled, e.g.
 * Kairos' `passwd: "!"`) are also stored as written, since crypting them would turn a lock
 * marker into a password anybody can read in the config.
 */
import { hashPassword, verifySha512 } from './sha512-crypt.js';

export function isStoredAsWritten(value: string): boolean {
  return value.startsWith('$') || value.startsWith('!') || value.startsWith('*');
}

/**
 * The shadow field for `value`. When the current field already is a hash of the same plaintext
 * it is kept, so that applying the same config again leaves the file unchanged.
 */
export function shadowPassword(value: string, current?: string): string {
  if (isStoredAsWritten(value)) return value;
  if (current !== undefined && verifySha512(value, current)) return current;
  return hashPassword(value);
}

/** A locked form of a shadow field: `!` in front, as `passwd -l` and `usermod -L` do. */
export function lockedPassword(field: string): string {
  return field.startsWith('!') ? field : `!${field}`;
}

/** Days since 1970-01-01, the unit of shadow's date fields; SOURCE_DATE_EPOCH wins, as in shadow-utils. */
export function daysSinceEpoch(env: Readonly<Record<string, string | undefined>> = {}): number {
  const epoch = env.SOURCE_DATE_EPOCH;
  const seconds = epoch && /^\d+$/.test(epoch) ? Number(epoch) : Date.now() / 1000;
  return Math.floor(seconds / 86400);
}
