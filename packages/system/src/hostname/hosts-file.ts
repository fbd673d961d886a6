/**
 * /etc/hosts as yip rewrites it: every line whose address is 127.0.0.1 becomes
 * `127.0.0.1 localhost NAME`; every other line is kept as it is.
 */
export const LOOPBACK = '127.0.0.1';

export function rewriteHosts(text: string, name: string): string {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out = lines.map((line) => (line.trim().split(/\s+/)[0] === LOOPBACK ? `${LOOPBACK} localhost ${name}` : line));
  return out.map((l) => `${l}\n`).join('');
}

/** A hosts file for a root that has none (yip fails there; an image without one needs it). */
export function newHosts(name: string): string {
  return `${LOOPBACK} localhost ${name}\n`;
}
