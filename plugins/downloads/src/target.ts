/**
 * Where a download lands inside the target root. A path that is an existing directory, or ends
 * with `/`, takes a file name: the one the server gives in Content-Disposition, else the last
 * segment of the URL (as yip's download library does).
 */
import { resolveInRoot } from '@yipts/system';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';

export async function isDirectoryTarget(root: string, path: string): Promise<boolean> {
  if (path.endsWith('/')) return true;
  const info = await stat(await resolveInRoot(root, path)).catch(() => undefined);
  return info?.isDirectory() ?? false;
}

/** A file name that cannot leave the directory: a plain, non-hidden-dot, single component. */
function safeName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const base = posix.basename(name.replaceAll('\\', '/')).trim();
  if (!base || base === '.' || base === '..' || /[\x00-\x1f]/.test(base)) return undefined;
  return base;
}

export function nameFromContentDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return safeName(decodeURIComponent(star[1].trim()));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  return safeName(plain?.[2] ?? plain?.[1]?.trim());
}

export function nameFromUrl(url: URL): string | undefined {
  const last = url.pathname.split('/').at(-1);
  try {
    return safeName(last ? decodeURIComponent(last) : undefined);
  } catch {
    return safeName(last);
  }
}

export function fileInDirectory(dir: string, url: URL, contentDisposition: string | null): string {
  const name = nameFromContentDisposition(contentDisposition) ?? nameFromUrl(url);
  if (!name) throw new Error(`${dir} is a directory and ${url.href} names no file to put in it`);
  return posix.join(dir, name);
}
