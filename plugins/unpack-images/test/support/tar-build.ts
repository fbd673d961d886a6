/** Builds small ustar archives in memory, for layers made by the tests themselves. */
import { gzipSync } from 'node:zlib';

export interface Member {
  readonly name: string;
  readonly type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'fifo';
  readonly content?: string | Buffer;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly mtime?: number;
  readonly linkname?: string;
}

const FLAGS = { file: '0', hardlink: '1', symlink: '2', dir: '5', fifo: '6' } as const;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(m: Member, size: number): Buffer {
  if (Buffer.byteLength(m.name) > 100) throw new Error(`test tar builder: name too long: ${m.name}`);
  const h = Buffer.alloc(512);
  const type = m.type ?? 'file';
  h.write(m.name, 0, 'utf8');
  h.write(octal(m.mode ?? (type === 'dir' ? 0o755 : 0o644), 8), 100, 'ascii');
  h.write(octal(m.uid ?? 0, 8), 108, 'ascii');
  h.write(octal(m.gid ?? 0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(m.mtime ?? 1_700_000_000, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(FLAGS[type], 156, 'ascii');
  h.write(m.linkname ?? '', 157, 'utf8');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${octal(sum, 7)} `, 148, 'ascii');
  return h;
}

export function buildTar(members: readonly Member[]): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    const body = m.type === undefined || m.type === 'file' ? Buffer.from(m.content ?? '') : Buffer.alloc(0);
    parts.push(header(m, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export const buildLayer = (members: readonly Member[]): Buffer => gzipSync(buildTar(members));
