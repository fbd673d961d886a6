/**
 * apk pins: `name=version` in /etc/apk/world, the list of what the system must have; apk holds
 * the package at that version from its next run on. Other entries stay (yip rewrote the file
 * with the pins only, which makes the next apk run remove everything else); an entry for a
 * pinned package is replaced. apk keeps the file sorted, one entry per line; so do we.
 */
import { editRootFile } from './root-file.js';
import type { Pin, PinWriter } from './types.js';

export const APK_WORLD_FILE = '/etc/apk/world';

/** `foo`, `foo=1.0`, `foo>2`, `foo@edge`, `!foo`: all are entries about foo. */
function entryName(entry: string): string {
  return entry.replace(/^!/, '').split(/[=<>~@]/)[0] ?? '';
}

export function apkWorld(current: string | undefined, pins: readonly Pin[]): string {
  const names = new Set(pins.map((p) => p.name));
  const kept = (current ?? '').split(/\s+/).filter((e) => e && !names.has(entryName(e)));
  const entries = [...new Set([...kept, ...pins.map((p) => `${p.name}=${p.version}`)])].sort();
  return entries.length ? `${entries.join('\n')}\n` : '';
}

export const writeApkPins: PinWriter = async (pins, target) => {
  await editRootFile(target.root, APK_WORLD_FILE, (current) => apkWorld(current, pins));
  target.ctx.logger.log('info', `pinned ${pins.map((p) => `${p.name}=${p.version}`).join(', ')} in ${APK_WORLD_FILE}`);
};
