/**
 * The text of a resolv.conf, line for line as yip builds it: one `search` line (left out when
 * it would say only "."), one `nameserver` line per server, one `options` line (left out when
 * empty).
 */
export interface ResolvConf {
  readonly nameservers: readonly string[];
  readonly search?: readonly string[];
  readonly options?: readonly string[];
}

export function formatResolvConf(conf: ResolvConf): string {
  const lines: string[] = [];
  const search = (conf.search ?? []).join(' ');
  if (search.trim() !== '' && search.trim() !== '.') lines.push(`search ${search}`);
  for (const server of conf.nameservers) lines.push(`nameserver ${server}`);
  const options = (conf.options ?? []).join(' ');
  if (options.trim() !== '') lines.push(`options ${options}`);
  return lines.map((l) => `${l}\n`).join('');
}

/** Values are written on one line each: a newline inside one would inject another directive. */
export function checkResolvValues(conf: ResolvConf): void {
  const all = [...conf.nameservers, ...(conf.search ?? []), ...(conf.options ?? [])];
  const bad = all.find((v) => /[\r\n]/.test(v));
  if (bad !== undefined) throw new Error(`a dns value contains a line break: ${JSON.stringify(bad)}`);
  const empty = conf.nameservers.find((v) => v.trim() === '');
  if (empty !== undefined) throw new Error('a nameserver is empty');
}
