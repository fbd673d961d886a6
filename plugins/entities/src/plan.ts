/**
 * Plan mode of `ensure_entities` and `delete_entities`: the account line each entity would add,
 * change or remove, read straight from the target file; password hashes are masked. Kept apart
 * from the writing code on purpose: it only reads the files.
 */
import { yamlLibrary } from '@yipts/core';
import type { ActionContext, Change, EntitySpec } from '@yipts/core';
import { readPathState } from '@yipts/system';

/** Columns of each kind's line, by the entity text's field names; the first names the entry. */
const COLUMNS: Record<string, readonly string[]> = {
  user: ['username', 'password', 'uid', 'gid', 'info', 'homedir', 'shell'],
  group: ['group_name', 'password', 'gid', 'users'],
  shadow: ['username', 'password', 'last_changed', 'minimum_changed', 'maximum_changed', 'warn', 'inactive', 'expire', 'reserved'],
  gshadow: ['name', 'password', 'administrators', 'members'],
};

/** A line with its password field masked: a hash is a secret even in a plan. */
export function maskLine(line: string): string {
  const fields = line.split(':');
  const password = fields[1] ?? '';
  if (password.length > 1 && !/^[!*x]+$/.test(password)) fields[1] = password.startsWith('!') ? '!********' : '********';
  return fields.join(':');
}

export async function planEntities(entries: readonly EntitySpec[], ctx: ActionContext, mode: 'ensure' | 'delete'): Promise<Change[]> {
  const changes: Change[] = [];
  for (const entry of entries) {
    try {
      if (!entry.path) throw new Error('the entry has no `path`');
      const text = yamlLibrary().parse(ctx.render(entry.entity ?? '')) as Record<string, unknown> | null;
      const kind = String(text?.kind ?? '');
      const columns = COLUMNS[kind];
      if (!columns || !text) throw new Error(`unknown entity kind \`${kind}\``);
      const name = String(text[columns[0]!] ?? '');
      const current = (await readPathState(ctx.run.options.root, entry.path)).content?.toString('utf8') ?? '';
      const before = current.split('\n').find((l) => l.split(':')[0] === name);
      if (mode === 'delete') {
        if (before !== undefined) changes.push({ kind: 'account', action: 'remove', database: entry.path, name, before: maskLine(before) });
        continue;
      }
      const old = before?.split(':') ?? [];
      // A field the entity leaves out keeps what the line has.
      const after = columns
        .map((c, i) =>
          text[c] === undefined || text[c] === null
            ? (old[i] ?? '')
            : Array.isArray(text[c])
              ? (text[c] as unknown[]).join(',')
              : String(text[c]),
        )
        .join(':');
      if (before === undefined) changes.push({ kind: 'account', action: 'add', database: entry.path, name, after: maskLine(after) });
      else if (before !== after)
        changes.push({ kind: 'account', action: 'change', database: entry.path, name, before: maskLine(before), after: maskLine(after) });
    } catch (error) {
      ctx.report(new Error(`${mode}_entities ${entry.path ?? '(no path)'}: ${(error as Error).message}`, { cause: error }));
    }
  }
  return changes;
}
