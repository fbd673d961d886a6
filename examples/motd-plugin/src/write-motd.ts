/**
 * Writing one message: rendered, resolved inside the target root (a symlink in the image can
 * never send the write to the host), and written atomically, so a reader of the file sees the
 * old message or the new one, never half of either.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ActionContext } from '@yipts/core';
import { insideRoot, resolveInRoot, writeFileAtomic } from '@yipts/system';
import type { ResolvedOptions } from './options.js';
import type { MotdSpec } from './schema.js';

export const MOTD_MODE = 0o644;

/** The file's text: the prefix, the rendered message, and one final newline as motd files end. */
export function motdText(spec: MotdSpec, options: ResolvedOptions, render: (text: string) => string): string {
  const text = `${options.prefix}${render(spec.message)}`;
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Writes the message and returns the path written, as seen inside the root. */
export async function writeMotd(spec: MotdSpec, options: ResolvedOptions, ctx: ActionContext): Promise<string> {
  const root = ctx.run.options.root;
  const path = spec.path || options.path;
  if (!path.startsWith('/')) throw new Error(`motd path \`${path}\` is not absolute`);
  const text = motdText(spec, options, ctx.render);
  const target = await resolveInRoot(root, path);
  await mkdir(dirname(target), { recursive: true, mode: 0o755 });
  await writeFileAtomic(target, text, { mode: MOTD_MODE });
  const written = insideRoot(root, target);
  ctx.logger.log('debug', `motd written to ${written} (${Buffer.byteLength(text)} bytes)`);
  return written;
}
