/**
 * Lines of an authorized_keys file and when two of them are the same key: the key type and
 * its base64 blob decide, not the options in front or the comment after, so a key fetched
 * again with another comment is not added twice.
 */

/** Key lines of a text: trimmed, without blanks and comments. */
export function keyLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

const KEY_TYPE = /^(ssh-[a-z0-9-]+|ecdsa-sha2-[a-z0-9-]+|sk-[a-z0-9@.-]+|[a-z0-9-]+-cert-v01@openssh\.com)$/i;
const BLOB = /^[A-Za-z0-9+/]+={0,3}$/;

/** `type blob` of a key line, or the whole line when it does not look like a key. */
export function keyIdentity(line: string): string {
  const tokens = line.trim().split(/\s+/);
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (KEY_TYPE.test(tokens[i]!) && BLOB.test(tokens[i + 1]!)) return `${tokens[i]} ${tokens[i + 1]}`;
  }
  return line.trim();
}

/** `current` with the lines of `added` whose key it does not hold yet appended; null when nothing is new. */
export function mergeKeys(current: string, added: readonly string[]): { text: string; count: number } | null {
  const known = new Set(keyLines(current).map(keyIdentity));
  const fresh: string[] = [];
  for (const line of added) {
    const id = keyIdentity(line);
    if (known.has(id)) continue;
    known.add(id);
    fresh.push(line);
  }
  if (!fresh.length) return null;
  const base = current === '' || current.endsWith('\n') ? current : `${current}\n`;
  return { text: `${base}${fresh.join('\n')}\n`, count: fresh.length };
}
