/** Checks that keep a config from writing a line the account files cannot hold. */

/** What shadow-utils accepts in a login: no `:`, `,`, spaces or slashes, not only digits. */
const LOGIN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\$?$/;

export function checkLogin(login: string): void {
  if (!LOGIN.test(login) || /^\d+$/.test(login)) throw new Error(`\`${login}\` is not a valid login name`);
}

/** A uid given in the config: a whole number below 2^32 - 1 (which means "no id"). */
export function parseId(value: string, what: string): number {
  const text = value.trim();
  if (!/^\d+$/.test(text) || Number(text) >= 0xffffffff) throw new Error(`${what} \`${value}\` is not a valid id`);
  return Number(text);
}
