/** What a rendered `hostname` value must look like before it is given to the kernel or written. */

/** The kernel's limit (HOST_NAME_MAX). */
export const MAX_HOSTNAME_LENGTH = 64;

/**
 * Returns the host name to set, or throws saying why it cannot be one. Only what would break the
 * kernel call or the files is refused (length, whitespace, control characters, `/`): yip sets
 * whatever it is given, and real names use upper case and underscores.
 */
export function checkHostname(rendered: string): string {
  const name = rendered.trim();
  if (name === '') throw new Error('the host name is empty');
  if (name.includes('{{')) throw new Error(`the host name \`${name}\` still contains a template: it did not render`);
  if (/[\s\x00-\x1f\x7f/]/.test(name)) throw new Error(`\`${name}\` is not a valid host name (no spaces, control characters or \`/\`)`);
  if (Buffer.byteLength(name) > MAX_HOSTNAME_LENGTH)
    throw new Error(`the host name \`${name}\` is longer than ${MAX_HOSTNAME_LENGTH} bytes`);
  return name;
}
