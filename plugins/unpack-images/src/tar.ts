/**
 * Image layers as a stream of tar entries, read by tar-stream: ustar and GNU headers, pax
 * extended headers, GNU long names and long link names, base-256 numbers. Each entry's body must
 * be read (or is skipped) before the next entry is produced; nothing is held in memory beyond
 * one chunk. What tar-stream leaves in the pax record (uid, gid, mtime with fractions) is applied
 * here.
 */
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import type { Header } from 'tar-stream';

export type EntryType = 'file' | 'hardlink' | 'symlink' | 'directory' | 'char' | 'block' | 'fifo' | 'other';

export interface TarEntry {
  readonly name: string;
  readonly type: EntryType;
  readonly linkname: string;
  readonly size: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Seconds since the epoch (fractions from pax). */
  readonly mtime: number;
  readonly body: AsyncIterable<Buffer>;
}

const TYPES: Readonly<Record<string, EntryType>> = {
  file: 'file',
  'contiguous-file': 'file',
  link: 'hardlink',
  symlink: 'symlink',
  directory: 'directory',
  'character-device': 'char',
  'block-device': 'block',
  fifo: 'fifo',
};

export async function* readTar(source: Readable): AsyncGenerator<TarEntry> {
  const entries = extract();
  // The archive's own error, which an entry's body only reports as "destroyed".
  let failure: Error | undefined;
  entries.on('error', (error: Error) => (failure ??= error));
  source.on('error', (error) => entries.destroy(error));
  source.pipe(entries);
  try {
    for await (const entry of entries) {
      const header = entry.header;
      const type = TYPES[header.type] ?? 'other';
      yield {
        name: header.name,
        type,
        linkname: header.linkname ?? '',
        size: type === 'file' ? header.size : 0,
        mode: header.mode & 0o7777,
        ...owners(header),
        body: type === 'file' ? body(entry as AsyncIterable<Buffer>, () => failure) : empty(),
      };
      // Whatever the consumer left unread is skipped, so that the next header comes.
      entry.resume();
    }
  } catch (error) {
    throw tarError(failure ?? (error as Error));
  } finally {
    source.unpipe(entries);
    entries.destroy();
  }
}

/** uid, gid and mtime, from the pax record when it has them (large ids, sub-second times). */
function owners(header: Header): { uid: number; gid: number; mtime: number } {
  const pax = (header.pax ?? {}) as Record<string, string | undefined>;
  const fromPax = (key: string) => (pax[key] !== undefined && Number.isFinite(Number(pax[key])) ? Number(pax[key]) : undefined);
  return {
    uid: fromPax('uid') ?? header.uid,
    gid: fromPax('gid') ?? header.gid,
    mtime: fromPax('mtime') ?? header.mtime.getTime() / 1000,
  };
}

async function* empty(): AsyncGenerator<Buffer> {}

async function* body(entry: AsyncIterable<Buffer>, failure: () => Error | undefined): AsyncGenerator<Buffer> {
  try {
    yield* entry;
  } catch (error) {
    throw tarError(failure() ?? (error as Error));
  }
}

/** tar-stream's messages, said as what they mean for an image layer. */
function tarError(error: Error): Error {
  const message = /invalid tar header/i.test(error.message)
    ? 'header checksum mismatch (not a tar stream, or corrupted)'
    : /unexpected end of data/i.test(error.message)
      ? 'truncated archive'
      : error.message;
  return new Error(`tar: ${message}`, { cause: error });
}
