/**
 * Reading and rewriting an account file of a target root. A rewrite goes through a temporary
 * file renamed over the old one, keeping its mode and owner (/etc/shadow stays 0640
 * root:shadow), and happens only when the content changed, so a config applied at every boot
 * does not touch the file at every boot.
 */
import { dirname } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { readFileInRoot } from '../root-files.js';
import type { FileInRoot } from '../root-files.js';
import { insideRoot, resolveInRoot } from '../root-path.js';
import { withinRoot } from '../root-walk.js';
import { AccountTable, TABLE_PATH } from './table.js';
import type { TableKind } from './table.js';

/** Mode of a file created because the root had none: shadow files readable by root only. */
const NEW_FILE_MODE: Readonly<Record<TableKind, number>> = Object.freeze({ passwd: 0o644, group: 0o644, shadow: 0o600, gshadow: 0o600 });

export interface AccountFile {
  /** Host path of the file (already resolved inside the root). */
  readonly hostPath: string;
  readonly kind: TableKind;
  /** The root, for messages that name the file as the image sees it. */
  readonly root: string;
}

/** The `kind` file of a root: `path` inside it, or the kind's usual place (/etc/passwd…). */
export async function accountFile(root: string, kind: TableKind, path: string = TABLE_PATH[kind]): Promise<AccountFile> {
  return { root, kind, hostPath: await resolveInRoot(root, path) };
}

export type AccountFiles = Readonly<Record<TableKind, AccountFile>>;

/** The four account files of a root, at their usual places. */
export async function accountFiles(root: string): Promise<AccountFiles> {
  const [passwd, group, shadow, gshadow] = await Promise.all(
    (['passwd', 'group', 'shadow', 'gshadow'] as const).map((kind) => accountFile(root, kind)),
  );
  return { passwd: passwd!, group: group!, shadow: shadow!, gshadow: gshadow! };
}

export function describeFile(file: AccountFile): string {
  const inside = insideRoot(file.root, file.hostPath);
  return inside === file.hostPath ? inside : `${inside} (in ${file.root})`;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** The file's table, or undefined when the file does not exist. */
export async function readTable(file: AccountFile): Promise<AccountTable | undefined> {
  try {
    const read = await readFileInRoot(file.root, insideRoot(file.root, file.hostPath));
    return read === undefined ? undefined : AccountTable.parse(file.kind, read.text);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw new Error(`cannot read ${describeFile(file)}: ${(error as Error).message}`);
  }
}

export interface EditOptions {
  /** Start from an empty table when the file does not exist (otherwise that is an error). */
  readonly create?: boolean;
}

/**
 * Applies `edit` to the file's table and writes the result back if it changed. Returns true
 * when the file was written. The caller holds the root's account lock.
 */
export async function editTable(file: AccountFile, edit: (table: AccountTable) => void, options: EditOptions = {}): Promise<boolean> {
  // Read and written through the root's own directories (see openInRoot): never via a link swapped in.
  const inside = insideRoot(file.root, file.hostPath);
  let read: FileInRoot | undefined;
  try {
    read = await readFileInRoot(file.root, inside);
  } catch (error) {
    throw new Error(`cannot read ${describeFile(file)}: ${(error as Error).message}`);
  }
  if (read === undefined && !options.create) throw new Error(`${describeFile(file)} does not exist`);
  const text = read?.text;
  const table = text === undefined ? AccountTable.empty(file.kind) : AccountTable.parse(file.kind, text);
  edit(table);
  const next = table.toString();
  if (next === text) return false;
  const current = read?.stats;
  try {
    await withinRoot(file.root, inside, {}, (target) =>
      writeFileAtomic(
        target.host,
        next,
        current ? { mode: current.mode & 0o7777, uid: current.uid, gid: current.gid } : { mode: NEW_FILE_MODE[file.kind], uid: 0, gid: 0 },
      ),
    );
  } catch (error) {
    const parent = insideRoot(file.root, dirname(file.hostPath));
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`cannot write ${describeFile(file)}: directory ${parent} does not exist`);
    throw new Error(`cannot write ${describeFile(file)}: ${(error as Error).message}`);
  }
  return true;
}
