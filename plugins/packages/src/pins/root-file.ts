/**
 * Rewriting a configuration file of the target root from its current text: read, transform,
 * write atomically, keeping the file's mode and owner. The path is resolved inside the root,
 * so a symlink in the image can never send the write to the host.
 */
import { readFileInRoot, writeFileInRoot } from '@yipts/system';

export async function readRootFile(root: string, path: string): Promise<string | undefined> {
  return (await readFileInRoot(root, path))?.text;
}

/** Replaces the file with `edit(current text or undefined)`; a new file gets mode 0644. */
export async function editRootFile(root: string, path: string, edit: (current: string | undefined) => string): Promise<void> {
  const file = await readFileInRoot(root, path);
  const next = edit(file?.text);
  if (next === file?.text) return;
  const existing = file?.stats;
  await writeFileInRoot(
    root,
    path,
    next,
    existing ? { mode: existing.mode & 0o7777, uid: existing.uid, gid: existing.gid } : { mode: 0o644 },
  );
}

/** Splits text into blank-line separated paragraphs (apt preferences, zypp locks), each a list of lines. */
export function paragraphs(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (current.length) out.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length) out.push(current);
  return out;
}

/** The value of `Key: value` in a paragraph, key compared without case. */
export function field(paragraph: readonly string[], key: string): string | undefined {
  const wanted = key.toLowerCase();
  for (const line of paragraph) {
    const m = /^([^:#\s][^:]*):\s*(.*)$/.exec(line);
    if (m && m[1]!.trim().toLowerCase() === wanted) return m[2]!.trim();
  }
  return undefined;
}

export function joinParagraphs(list: readonly (readonly string[])[]): string {
  return list.length ? `${list.map((p) => p.join('\n')).join('\n\n')}\n` : '';
}
