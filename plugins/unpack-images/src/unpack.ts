/**
 * One `unpack_images` entry: resolve the reference to a manifest for the platform, download
 * and verify every layer, apply them in order to a staging directory (inside the root, on the
 * target's filesystem), then move the result into place: renamed when the target is new, merged
 * into it when it exists (as yip applies onto the target). Any failure leaves the target untouched.
 * Inside a root, the directory the staging is made in (the target's parent, or the existing
 * target) is pinned by fd (`openInRoot`), and everything is made, renamed and merged through it.
 */
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { describeInRoot, openInRoot, PARENT_DIRECTORY, setAttributes, withinRoot } from '@yipts/system';
import type { RootPath } from '@yipts/system';
import type { Credentials } from './auth.js';
import { LayerApplier } from './extract.js';
import { mergeInto } from './merge.js';
import { formatPlatform } from './platform.js';
import type { Platform } from './platform.js';
import { formatReference } from './reference.js';
import type { ImageReference } from './reference.js';
import { resolveLayers } from './manifest.js';
import { RegistryClient } from './registry.js';

export interface UnpackRequest {
  readonly ref: ImageReference;
  readonly platform: Platform;
  readonly root: string;
  readonly target: string;
  readonly credentials: Credentials | undefined;
  readonly insecureRegistries: readonly string[];
  readonly idleTimeoutMs: number;
  readonly retries: number;
  readonly signal: AbortSignal;
  readonly userAgent: string;
  readonly log: (message: string) => void;
}

/** Errors of one phase carry its name, so a message says where it went wrong. */
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
  }
}

export async function unpackImage(request: UnpackRequest): Promise<{ layers: number; skipped: string[] }> {
  // stat, not lstat: on the host root a target may be a symlink to a directory.
  const existing = await withinRoot(request.root, request.target, {}, (t) => stat(t.host)).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new Error(`target ${request.target} exists and is not a directory`);
  // Staging on the filesystem the files will live on, so that moving them is a rename: inside
  // an existing target (it may be a mount point, like /usr/local), else beside the new one.
  let place: RootPath;
  try {
    place = existing
      ? openInRoot(request.root, posix.join(request.target, STAGING_PREFIX), {})
      : openInRoot(request.root, request.target, { createParents: PARENT_DIRECTORY });
  } catch (error) {
    throw describeInRoot(error);
  }
  try {
    return await unpackInto(request, place, existing !== undefined);
  } catch (error) {
    throw describeInRoot(error);
  } finally {
    place.close();
  }
}

const STAGING_PREFIX = '.yipts-unpack-';

/** `place`: the new target pinned by its parent, or (`merge`) a name in the existing target. */
async function unpackInto(request: UnpackRequest, place: RootPath, merge: boolean): Promise<{ layers: number; skipped: string[] }> {
  const { ref } = request;
  const shown = merge ? posix.dirname(place.inside) : place.inside;
  const work = await mkdtemp(merge ? `${place.parent}/${STAGING_PREFIX}` : `${place.parent}/.${place.name}${STAGING_PREFIX}`);
  try {
    const client = new RegistryClient(ref, request);
    const layers = await resolveLayers(client, ref, request.platform);
    request.log(`${formatReference(ref)} (${formatPlatform(request.platform)}): ${layers.length} layer(s)`);
    const blobs: string[] = [];
    for (const [i, layer] of layers.entries()) {
      const file = posix.join(work, `layer-${i}`);
      await phase(`layer ${i + 1}/${layers.length} ${layer.digest}: download`, () => client.downloadBlob(layer, file));
      blobs.push(file);
    }
    const rootfs = posix.join(work, 'rootfs');
    await mkdir(rootfs);
    setAttributes(rootfs, { mode: 0o755 });
    const chown = process.getuid?.() === 0;
    const applier = new LayerApplier(rootfs, { chown });
    for (const [i, file] of blobs.entries()) {
      await phase(`layer ${i + 1}/${layers.length} ${layers[i]!.digest}: extract`, async () => {
        const stream = await layerStream(file);
        try {
          const { readTar } = await import('./tar.js');
          await applier.apply(readTar(stream));
        } finally {
          stream.destroy();
        }
      });
      await rm(file, { force: true });
    }
    await applier.finish();
    await phase(`move into ${shown}`, async () => {
      if (merge) await mergeInto(rootfs, place.parent, chown, applier.explicitDirectories);
      else await rename(rootfs, place.host);
    });
    return { layers: layers.length, skipped: applier.skipped };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The layer's tar stream, decompressed according to its first bytes (media types lie). */
async function layerStream(file: string): Promise<Readable> {
  const head = Buffer.alloc(4);
  const handle = await open(file, 'r');
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return createReadStream(file).pipe(createGunzip());
  if (head.readUInt32LE(0) === 0xfd2fb528) throw new Error('zstd-compressed layers are not supported');
  return createReadStream(file);
}
