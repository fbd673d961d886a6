/** What a `files` entry holds once decoded and rendered: the bytes a real run writes and a plan compares. */
import type { ActionContext, FileSpec } from '@yipts/core';
import { asText, decodeContent } from './decode.js';

/** Text is rendered as a template; binary content (after base64 or gzip) is written as it is. */
export async function fileContent(entry: FileSpec, ctx: ActionContext): Promise<Buffer> {
  const decoded = await decodeContent(entry.content ?? '', entry.encoding);
  const text = asText(decoded);
  return text === undefined ? decoded : Buffer.from(ctx.render(text), 'utf8');
}
