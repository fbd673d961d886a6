/**
 * A streaming tar reader: ustar and GNU headers, pax extended headers (per entry and global),
 * GNU long names and long link names, base-256 numbers. Each entry's body must be read (or is
 * skipped) before the next entry is produced; nothing is held in memory beyond one chunk.
 */
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

const BLOCK = 512;

class ByteSource {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private done = false;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer | Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as Uint8Array);
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    return true;
  }

  /** Exactly n bytes, or fewer only at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    while (this.buffered < n && (await this.fill()));
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const out = all.subarray(0, Math.min(n, all.length));
    const rest = all.subarray(out.length);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }

  /** Up to `max` bytes already buffered or arriving next; empty only at the end. */
  async some(max: number): Promise<Buffer> {
    if (!this.buffered) await this.fill();
    const first = this.chunks[0];
    if (!first) return Buffer.alloc(0);
    if (first.length <= max) {
      this.chunks.shift();
      this.buffered -= first.length;
      return first;
    }
    this.chunks[0] = first.subarray(max);
    this.buffered -= max;
    return first.subarray(0, max);
  }

}

function cString(buf: Buffer, start: number, length: number): string {
  const field = buf.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}

function number(buf: Buffer, start: number, length: number, what: string): number {
  const field = buf.subarray(start, start + length);
  if (field[0]! & 0x80) {
    // base-256: big-endian two's complement with the top bit as a flag
    let value = BigInt(field[0]! & 0x7f);
    for (let i = 1; i < field.length; i++) value = (value << 8n) | BigInt(field[i]!);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`tar header: ${what} out of range`);
    return Number(value);
  }
  const text = cString(buf, start, length).replace(/ /g, '');
  if (!text) return 0;
  if (!/^[0-7]+$/.test(text)) throw new Error(`tar header: ${what} "${text}" is not an octal number`);
  return parseInt(text, 8);
}

function checksumOk(header: Buffer): boolean {
  const stored = number(header, 148, 8, 'checksum');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum === stored;
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const length = parseInt(data.subarray(pos, space).toString('ascii'), 10);
    if (!Number.isFinite(length) || length <= 0 || pos + length > data.length) throw new Error('tar: malformed pax header');
    const record = data.subarray(space + 1, pos + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += length;
  }
  return out;
}

const TYPES: Readonly<Record<string, EntryType>> = { '0': 'file', '\0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '3': 'char', '4': 'block', '5': 'directory', '6': 'fifo' };

/** Largest metadata record (pax or GNU long name) accepted: names, not file contents. */
const MAX_META = 1 << 20;

export async function* readTar(source: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<TarEntry> {
  const input = new ByteSource(source);
  let global: Record<string, string> = {};
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    const header = await input.read(BLOCK);
    if (header.length === 0) return; // no end-of-archive blocks: accepted, as GNU tar does
    if (header.length < BLOCK) throw new Error('tar: truncated header');
    if (header.every((b) => b === 0)) return;
    if (!checksumOk(header)) throw new Error('tar: header checksum mismatch (not a tar stream, or corrupted)');
    const flag = String.fromCharCode(header[156]!);
    const size = number(header, 124, 12, 'size');
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      if (size > MAX_META) throw new Error(`tar: ${size}-byte metadata record is too large`);
      const data = await input.read(padded);
      if (data.length < padded) throw new Error('tar: truncated metadata record');
      const content = data.subarray(0, size);
      if (flag === 'x') pax = { ...pax, ...parsePax(content) };
      else if (flag === 'g') global = { ...global, ...parsePax(content) };
      else if (flag === 'L') longName = cString(content, 0, content.length);
      else longLink = cString(content, 0, content.length);
      continue;
    }
    const meta = { ...global, ...pax };
    const magic = header.subarray(257, 263).toString('latin1');
    const prefix = magic.startsWith('ustar') ? cString(header, 345, 155) : '';
    const shortName = cString(header, 0, 100);
    const name = meta.path ?? longName ?? (prefix ? `${prefix}/${shortName}` : shortName);
    const entrySize = meta.size !== undefined ? Number(meta.size) : size;
    if (!Number.isSafeInteger(entrySize) || entrySize < 0) throw new Error(`tar: bad size for ${name}`);
    const dataBytes = Math.ceil(entrySize / BLOCK) * BLOCK;
    const type = TYPES[flag] ?? 'other';
    const bodySize = type === 'file' ? entrySize : 0;
    let remaining = bodySize;
    const body: AsyncIterable<Buffer> = {
      async *[Symbol.asyncIterator]() {
        while (remaining > 0) {
          const chunk = await input.some(remaining);
          if (!chunk.length) throw new Error(`tar: truncated data of ${name}`);
          remaining -= chunk.length;
          yield chunk;
        }
      },
    };
    yield {
      name,
      type,
      linkname: meta.linkpath ?? longLink ?? cString(header, 157, 100),
      size: bodySize,
      mode: number(header, 100, 8, 'mode') & 0o7777,
      uid: meta.uid !== undefined ? Number(meta.uid) : number(header, 108, 8, 'uid'),
      gid: meta.gid !== undefined ? Number(meta.gid) : number(header, 116, 8, 'gid'),
      mtime: meta.mtime !== undefined ? Number(meta.mtime) : number(header, 136, 12, 'mtime'),
      body,
    };
    // Whatever the consumer left unread, then the padding (links and dirs may carry data too).
    let skip = dataBytes - (bodySize - remaining);
    remaining = 0;
    while (skip > 0) {
      const chunk = await input.read(Math.min(skip, 1 << 16));
      if (!chunk.length) throw new Error(`tar: truncated data of ${name}`);
      skip -= chunk.length;
    }
    pax = {};
    longName = undefined;
    longLink = undefined;
  }
}
