/**
 * sysctl key names. Both spellings of sysctl.d(5) are accepted: dotted (`net.ipv4.ip_forward`)
 * and slashed (`net/ipv4/conf/eth0.100/forwarding`); the first separator tells which one is
 * used, so a dot inside an interface name survives.
 */

/** The key's components, e.g. ['net', 'ipv4', 'ip_forward']; throws on a key that is no path. */
export function keyComponents(key: string): string[] {
  const k = key.trim();
  const slash = k.indexOf('/');
  const dot = k.indexOf('.');
  const sep = slash !== -1 && (dot === -1 || slash < dot) ? '/' : '.';
  const parts = k.replace(/^[./]+/, '').split(sep);
  if (
    parts.length === 0 ||
    parts.some((p) => p === '' || p === '.' || p === '..' || (sep === '.' && p.includes('/')) || /[\s\x00-\x1f]/.test(p))
  ) {
    throw new Error(`\`${key}\` is not a valid sysctl key`);
  }
  return parts;
}

/** The path under /proc/sys. */
export function procPath(key: string): string {
  return `/proc/sys/${keyComponents(key).join('/')}`;
}

/** One spelling for comparing keys: the slashed one, as systemd-sysctl normalizes them. */
export function normalizeKey(key: string): string {
  return keyComponents(key).join('/');
}
