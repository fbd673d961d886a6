/**
 * apt pins: one stanza per package in /etc/apt/preferences.d/99-yip-pins (the file yip writes,
 * so an image pinned before gets its pins replaced, not doubled). Priority 1001 makes apt pick
 * that version over any other, even when that means going back to it.
 * A later pin of a package replaces its stanza; stanzas of other packages stay.
 */
import { editRootFile, field, joinParagraphs, paragraphs } from './root-file.js';
import type { Pin, PinWriter } from './types.js';

export const APT_PINS_FILE = '/etc/apt/preferences.d/99-yip-pins';

const HEADER = ['# package_pins: one stanza per pinned package, replaced when the package is pinned again.'];

export function aptPreferences(current: string | undefined, pins: readonly Pin[]): string {
  const names = new Set(pins.map((p) => p.name));
  const kept = paragraphs(current ?? HEADER.join('\n')).filter((p) => !names.has(field(p, 'Package') ?? ''));
  const added = pins.map((p) => [`Package: ${p.name}`, `Pin: version ${p.version}`, 'Pin-Priority: 1001']);
  return joinParagraphs([...kept, ...added]);
}

export const writeAptPins: PinWriter = async (pins, target) => {
  await editRootFile(target.root, APT_PINS_FILE, (current) => aptPreferences(current, pins));
  target.ctx.logger.log('info', `pinned ${pins.map((p) => `${p.name}=${p.version}`).join(', ')} in ${APT_PINS_FILE}`);
};
