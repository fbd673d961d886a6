/** `os/arch[/variant]` platforms, the host's default, and picking one manifest out of an index. */
import { goArch } from '@yipts/system';

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string | undefined;
}

export function hostPlatform(): Platform {
  return { os: process.platform === 'win32' ? 'windows' : process.platform, architecture: goArch() };
}

export function parsePlatform(text: string): Platform {
  const parts = text.trim().split('/');
  const [os, architecture, variant] = parts;
  if (parts.length < 2 || parts.length > 3 || !os || !architecture || (parts.length === 3 && !variant))
    throw new Error(`platform "${text}" is not of the form os/arch[/variant]`);
  return { os, architecture, variant };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

export interface IndexEntry {
  readonly platform?: { readonly os?: string; readonly architecture?: string; readonly variant?: string } | undefined;
}

/** The first entry for this os and architecture; a variant, when asked for, must match too. */
export function pickPlatform<E extends IndexEntry>(entries: readonly E[], wanted: Platform): E | undefined {
  const candidates = entries.filter((e) => e.platform?.os === wanted.os && e.platform.architecture === wanted.architecture);
  if (wanted.variant) return candidates.find((e) => e.platform?.variant === wanted.variant);
  // Without a variant asked for, an entry that names none is preferred, then the first one.
  return candidates.find((e) => !e.platform?.variant) ?? candidates[0];
}
