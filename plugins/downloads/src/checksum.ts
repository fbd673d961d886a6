/** `checksum: ALGO:HEX` of a download, checked against the bytes as they arrive. */

export const ALGORITHMS: Record<string, { node: string; hexLength: number }> = {
  sha256: { node: 'sha256', hexLength: 64 },
  sha512: { node: 'sha512', hexLength: 128 },
  sha384: { node: 'sha384', hexLength: 96 },
  sha1: { node: 'sha1', hexLength: 40 },
  md5: { node: 'md5', hexLength: 32 },
};

export interface Checksum {
  readonly algorithm: string;
  readonly hex: string;
}

export function parseChecksum(text: string): Checksum {
  const m = /^\s*([A-Za-z0-9-]+)\s*:\s*([0-9A-Fa-f]+)\s*$/.exec(text);
  const algorithm = m?.[1]?.toLowerCase().replace('-', '');
  const spec = algorithm ? ALGORITHMS[algorithm] : undefined;
  if (!m || !algorithm || !spec) {
    throw new Error(`checksum \`${text}\` is not ALGO:HEX with ALGO one of ${Object.keys(ALGORITHMS).join(', ')}`);
  }
  const hex = m[2]!.toLowerCase();
  if (hex.length !== spec.hexLength)
    throw new Error(`checksum \`${text}\`: a ${algorithm} digest has ${spec.hexLength} hex digits, not ${hex.length}`);
  return { algorithm, hex };
}
