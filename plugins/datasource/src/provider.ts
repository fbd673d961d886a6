/** What every provider hands back: the user data it found and the metadata files to write. */

export interface MetadataFile {
  /** Relative to the metadata directory, e.g. `hostname` or `ssh/authorized_keys`. */
  readonly path: string;
  readonly data: Buffer;
  readonly mode: number;
}

export interface ProviderResult {
  /** Printable name, e.g. `AWS` or `CDROM(/dev/sr0)`. */
  readonly name: string;
  /** Undefined when the provider is there but holds no user data (Vultr never has any). */
  readonly userdata: Buffer | undefined;
  readonly metadata: readonly MetadataFile[];
  /** Public keys for root, one per entry. */
  readonly sshKeys: readonly string[];
  /** Set by the `file` provider: its path is the source, so output goes to the metadata directory. */
  readonly fromFile?: boolean;
}

/** The provider is not there (no answer, no such drive): the next one is tried, nothing is reported. */
export class NotAvailable extends Error {
  override name = 'NotAvailable';
  readonly code = 'not-available';
}

export function meta(path: string, data: Buffer | string, mode = 0o644): MetadataFile {
  return { path, data: typeof data === 'string' ? Buffer.from(data) : data, mode };
}

/** Key lines of an authorized_keys text: blank lines and comments dropped. */
export function keyLinesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
