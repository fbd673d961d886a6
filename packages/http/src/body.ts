import type { Readable } from 'node:stream';
import { HttpError } from './errors.js';

/** The whole body, refused (and the transfer stopped) once it grows past `maxBytes`. */
export async function readBody(body: Readable, maxBytes: number, where: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        body.destroy();
        throw new HttpError(where, `answer larger than ${maxBytes} bytes`, false);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(where, `transfer cut: ${(error as Error).message}`, true, { cause: error });
  }
  return Buffer.concat(chunks);
}
