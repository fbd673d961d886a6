/** A `modules` entry: "name [param=value ...]", split as yip splits it (on spaces). */
export interface ModuleSpec {
  readonly name: string;
  readonly params: readonly string[];
}

export function parseModuleEntry(entry: string): ModuleSpec {
  const [name, ...params] = entry
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '');
  if (!name) throw new Error('a module entry is empty');
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`\`${name}\` is not a kernel module name`);
  return { name, params };
}

/** `-` and `_` are the same in module names; /proc/modules and /sys/module use `_`. */
export function canonicalName(name: string): string {
  return name.replaceAll('-', '_');
}
