/** What the user data is: a yip/cloud-config document, a script, or something else. */
import { yamlLibrary } from '@yipts/core';

export type UserdataKind = 'config' | 'script' | 'other';

const VMWARE_BOUNDARY = 'MIMEBOUNDARY';

/**
 * VMware hands user data as multipart/mixed with the boundary MIMEBOUNDARY; the first
 * text/cloud-config part is the document. Anything else comes back unchanged.
 */
export function unwrapMultipart(data: Buffer): Buffer {
  const text = data.toString('utf8');
  const delimiter = `--${VMWARE_BOUNDARY}`;
  if (!text.includes(delimiter)) return data;
  for (const chunk of text.split(delimiter).slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = chunk.replace(/^\r?\n/, '');
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const contentType = /^content-type:\s*([^;\r\n]+)/im.exec(headers)?.[1]?.trim().toLowerCase();
    if (contentType !== 'text/cloud-config') continue;
    const body = part
      .slice(split)
      .replace(/^\r?\n\r?\n/, '')
      .replace(/\r?\n$/, '');
    return Buffer.from(body);
  }
  return data;
}

export function classify(data: Buffer): UserdataKind {
  const text = data.toString('utf8');
  if (text.startsWith('#!')) return 'script';
  try {
    const doc: unknown = yamlLibrary().parse(text, { uniqueKeys: false, prettyErrors: false });
    // yip loads an empty document as an empty config.
    if (doc === null || doc === undefined || (typeof doc === 'object' && !Array.isArray(doc))) return 'config';
  } catch {
    // not YAML
  }
  return 'other';
}
