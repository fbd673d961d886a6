/**
 * Drop-in overrides: `/etc/systemd/system/<unit>.d/<name>`. As yip: the file name defaults to
 * override-yip.conf and gets `.conf` appended when it has another extension; an entry without
 * service or content is skipped with a warning. A unit without a type suffix is a `.service`
 * (yip also appended `.service` to `foo.socket`; a unit that already has a type keeps it here).
 */
import type { Logger } from '@yipts/core';
import { insideRoot, resolveInRoot, writeFileInRoot } from '@yipts/system';
import { extname, posix } from 'node:path';

export const DEFAULT_OVERRIDE_NAME = 'override-yip.conf';

const UNIT_TYPES = new Set([
  '.service',
  '.socket',
  '.device',
  '.mount',
  '.automount',
  '.swap',
  '.target',
  '.path',
  '.timer',
  '.slice',
  '.scope',
]);

export interface OverrideSpec {
  readonly service?: string;
  readonly name?: string;
  readonly content?: string;
}

export function unitName(service: string): string {
  return UNIT_TYPES.has(extname(service)) ? service : `${service}.service`;
}

export function overrideFileName(name: string | undefined): string {
  const file = name || DEFAULT_OVERRIDE_NAME;
  return extname(file) === '.conf' ? file : `${file}.conf`;
}

/** The drop-in path inside the root; throws on names that would leave the unit's directory. */
export function overridePath(service: string, name: string | undefined): string {
  const unit = unitName(service.trim());
  const file = overrideFileName(name?.trim());
  for (const part of [unit, file]) {
    if (part.includes('/') || part === '.' || part === '..' || part.startsWith('.') || /[\s\x00-\x1f]/.test(part)) {
      throw new Error(`override ${service}/${name ?? DEFAULT_OVERRIDE_NAME}: \`${part}\` is not a valid unit or file name`);
    }
  }
  return posix.join('/etc/systemd/system', `${unit}.d`, file);
}

/** Writes every override; returns how many were written. Failures are handed to `report`. */
export async function writeOverrides(
  root: string,
  overrides: readonly OverrideSpec[],
  logger: Logger,
  report: (e: unknown) => void,
): Promise<number> {
  let written = 0;
  for (const o of overrides) {
    if (!o.service?.trim()) {
      logger.log('warning', 'systemctl: an override has no `service`; skipped');
      continue;
    }
    if (!o.content) {
      logger.log('warning', `systemctl: the override of ${o.service} has no \`content\`; skipped`);
      continue;
    }
    try {
      const path = overridePath(o.service, o.name);
      const target = await resolveInRoot(root, path);
      await writeFileInRoot(root, path, o.content, { mode: 0o644 });
      written++;
      logger.log('debug', `systemctl: wrote override ${insideRoot(root, target)}`);
    } catch (error) {
      report(new Error(`systemctl: override of ${o.service}: ${(error as Error).message}`, { cause: error }));
    }
  }
  return written;
}
