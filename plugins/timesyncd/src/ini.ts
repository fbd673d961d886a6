/**
 * Setting keys of one section of a systemd-style INI file while keeping the rest of it: a key
 * already in the section has its line replaced, a new key is appended to the section, and the
 * section is added at the end when missing. Lines are written `KEY = value`.
 */
const SECTION = /^\s*\[([^\]]*)\]\s*$/;

function keyOf(line: string): string | undefined {
  const t = line.trim();
  if (t === '' || t.startsWith('#') || t.startsWith(';')) return undefined;
  const eq = t.indexOf('=');
  return eq > 0 ? t.slice(0, eq).trim() : undefined;
}

export function setSectionKeys(current: string, section: string, values: readonly (readonly [string, string])[]): string {
  const lines = current.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [key, value] of values) {
    // An empty value (`FallbackNTP: ""`, which clears the list) is written without a trailing blank.
    const line = `${key} = ${value}`.trimEnd();
    let inSection = false;
    let lastOfSection = -1;
    let replaced = false;
    for (let i = 0; i < lines.length; i++) {
      const header = SECTION.exec(lines[i]!);
      if (header) {
        inSection = header[1]!.trim() === section;
        if (inSection) lastOfSection = i;
        continue;
      }
      if (!inSection) continue;
      if (lines[i]!.trim() !== '') lastOfSection = i;
      if (keyOf(lines[i]!) === key) {
        lines[i] = line;
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    if (lastOfSection === -1) {
      if (lines.length > 0 && lines.at(-1)!.trim() !== '') lines.push('');
      lines.push(`[${section}]`, line);
    } else {
      lines.splice(lastOfSection + 1, 0, line);
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** Keys and values must stay on their line and be readable as a key. */
export function checkEntry(key: string, value: string): void {
  if (!/^[A-Za-z0-9_.-]+$/.test(key)) throw new Error(`\`${key}\` is not a valid timesyncd key`);
  if (/[\r\n]/.test(value)) throw new Error(`the value of ${key} contains a line break`);
}
