/**
 * The command line yip builds from a `systemd_firstboot` map: `--key=value` per entry, or
 * `--key` alone when the value is the string "true"; keys lower-cased; arguments sorted.
 */

/** Options that would point systemd-firstboot somewhere else than the target root. */
const ROOT_CHOOSING = new Set(['root', 'image']);

export function firstbootArguments(values: Readonly<Record<string, string>>): string[] {
  const args: string[] = [];
  for (const [rawKey, value] of Object.entries(values)) {
    const key = rawKey.toLowerCase();
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(key)) throw new Error(`\`${rawKey}\` is not a systemd-firstboot option name`);
    args.push(value === 'true' ? `--${key}` : `--${key}=${value}`);
  }
  return args.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** Inside a target root, `root`/`image` would make the tool write outside it: refused. */
export function checkForTargetRoot(values: Readonly<Record<string, string>>): void {
  const bad = Object.keys(values).find((k) => ROOT_CHOOSING.has(k.toLowerCase()));
  if (bad !== undefined) throw new Error(`\`${bad}\` cannot be set when running against a target root: the tool is already aimed at it`);
}
