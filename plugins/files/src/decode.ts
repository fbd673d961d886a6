/**
 * File content encodings, as yip reads them: b64/base64, gz/gzip, and gzip over base64 in its
 * four spellings. Anything else (or none) is the text as written.
 */

const BASE64 = new Set(['b64', 'base64']);
const GZIP = new Set(['gz', 'gzip']);
const GZIP_BASE64 = new Set(['gz+base64', 'gzip+base64', 'gz+b64', 'gzip+b64']);

export async function decodeContent(content: string, encoding: string | undefined): Promise<Buffer> {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (BASE64.has(enc)) return strictBase64(content);
  if (GZIP.has(enc)) return gunzip(Buffer.from(content, 'latin1'));
  if (GZIP_BASE64.has(enc)) return gunzip(strictBase64(content));
  return Buffer.from(content, 'utf8');
}

/** node:zlib is loaded only when a file is gzip-encoded: it weighs on every start-up otherwise. */
async function gunzip(data: Buffer): Promise<Buffer> {
  const { gunzipSync } = await import('node:zlib');
  return gunzipSync(data);
}

function strictBase64(text: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) throw new Error('content is not valid base64');
  return Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decoded content as text when it is text: only text is rendered as a template. */
export function asText(data: Buffer): string | undefined {
  try {
    return utf8.decode(data);
  } catch {
    return undefined;
  }
}
