/**
 * One colon-separated account file (/etc/passwd, group, shadow, gshadow) held as its lines.
 * Lines that are not touched are written back byte for byte: comments, NIS `+`/`-` lines and
 * entries written by other tools must survive an edit of one user.
 */

export type TableKind = 'passwd' | 'group' | 'shadow' | 'gshadow';

/** Number of fields of an entry of each file, as glibc reads them. */
export const FIELD_COUNT: Readonly<Record<TableKind, number>> = Object.freeze({ passwd: 7, group: 4, shadow: 9, gshadow: 4 });

/** Where each file lives inside a root. */
export const TABLE_PATH: Readonly<Record<TableKind, string>> = Object.freeze({
  passwd: '/etc/passwd',
  group: '/etc/group',
  shadow: '/etc/shadow',
  gshadow: '/etc/gshadow',
});

/** A line is an entry unless it is blank, a comment or a NIS compat line. */
function entryName(line: string): string | undefined {
  if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) return undefined;
  const colon = line.indexOf(':');
  return colon === -1 ? line : line.slice(0, colon);
}

export class AccountTable {
  private constructor(
    readonly kind: TableKind,
    private readonly lines: string[],
  ) {}

  static parse(kind: TableKind, text: string): AccountTable {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return new AccountTable(kind, lines);
  }

  static empty(kind: TableKind): AccountTable {
    return new AccountTable(kind, []);
  }

  /** Fields of the entry called `name`, padded to the file's field count. */
  get(name: string): string[] | undefined {
    const line = this.lines.find((l) => entryName(l) === name);
    return line === undefined ? undefined : this.pad(line.split(':'));
  }

  has(name: string): boolean {
    return this.lines.some((l) => entryName(l) === name);
  }

  /** Every entry, in file order. */
  entries(): { name: string; fields: string[] }[] {
    const out: { name: string; fields: string[] }[] = [];
    for (const line of this.lines) {
      const name = entryName(line);
      if (name !== undefined) out.push({ name, fields: this.pad(line.split(':')) });
    }
    return out;
  }

  /** Numeric values of one field over all entries (uids of passwd, gids of group). */
  ids(field: number): Set<number> {
    const ids = new Set<number>();
    for (const { fields } of this.entries()) {
      const v = fields[field] ?? '';
      if (/^\d+$/.test(v)) ids.add(Number(v));
    }
    return ids;
  }

  /** Replaces the entry called `fields[0]` in place, or appends it. */
  set(fields: readonly string[]): void {
    const name = fields[0];
    if (!name) throw new Error(`a ${this.kind} entry needs a name`);
    const bad = fields.find((f) => /[:\n]/.test(f));
    if (bad !== undefined)
      throw new Error(`${this.kind} entry \`${name}\`: a field may not contain ':' or a newline (${JSON.stringify(bad)})`);
    const line = this.pad([...fields]).join(':');
    const at = this.lines.findIndex((l) => entryName(l) === name);
    if (at === -1) this.lines.push(line);
    else this.lines[at] = line;
  }

  /** Removes every entry called `name`; returns how many there were. */
  remove(name: string): number {
    const before = this.lines.length;
    const kept = this.lines.filter((l) => entryName(l) !== name);
    this.lines.splice(0, this.lines.length, ...kept);
    return before - kept.length;
  }

  toString(): string {
    return this.lines.length ? `${this.lines.join('\n')}\n` : '';
  }

  private pad(fields: string[]): string[] {
    const count = FIELD_COUNT[this.kind];
    while (fields.length < count) fields.push('');
    return fields;
  }
}
