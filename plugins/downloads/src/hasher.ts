/** The running digest of a download; node:crypto is loaded with the download code, not at start-up. */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { Checksum } from './checksum.js';
import { ALGORITHMS } from './checksum.js';

export function hasherFor(checksum: Checksum): Hash {
  return createHash(ALGORITHMS[checksum.algorithm]!.node);
}
