/**
 * From a reference to the list of layers: an OCI index or Docker manifest list is narrowed to
 * the entry for the platform; manifests asked by digest are checked against it.
 */
import { formatPlatform, pickPlatform } from './platform.js';
import type { Platform } from './platform.js';
import type { ImageReference } from './reference.js';
import { digestOf, splitDigest } from './registry.js';
import type { Descriptor, RegistryClient } from './registry.js';

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];
const MANIFEST_TYPES = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json'];
const ACCEPT = [...MANIFEST_TYPES, ...INDEX_TYPES];

interface ManifestDocument {
  readonly schemaVersion?: number;
  readonly mediaType?: string;
  readonly manifests?: (Descriptor & { platform?: { os?: string; architecture?: string; variant?: string } })[];
  readonly layers?: Descriptor[];
}

async function fetchManifest(
  client: RegistryClient,
  reference: string,
  digest: string | undefined,
): Promise<ManifestDocument & { type: string }> {
  try {
    const { body, mediaType } = await client.manifest(reference, ACCEPT);
    if (digest) {
      const [algorithm] = splitDigest(digest);
      const actual = digestOf(body, algorithm);
      if (actual !== digest) throw new Error(`digest mismatch: asked for ${digest}, got ${actual}`);
    }
    let doc: ManifestDocument;
    try {
      doc = JSON.parse(body.toString('utf8')) as ManifestDocument;
    } catch {
      throw new Error('the answer is not JSON');
    }
    if (typeof doc !== 'object' || doc === null) throw new Error('the answer is not a manifest');
    return { ...doc, type: doc.mediaType ?? mediaType };
  } catch (error) {
    throw new Error(`manifest ${reference}: ${(error as Error).message}`, { cause: error });
  }
}

export async function resolveLayers(client: RegistryClient, ref: ImageReference, platform: Platform): Promise<Descriptor[]> {
  let doc = await fetchManifest(client, ref.reference, ref.digest);
  if (Array.isArray(doc.manifests) || INDEX_TYPES.includes(doc.type)) {
    const entries = doc.manifests ?? [];
    const chosen = pickPlatform(entries, platform);
    if (!chosen) {
      const offered = entries.map((e) =>
        e.platform
          ? formatPlatform({ os: e.platform.os ?? '?', architecture: e.platform.architecture ?? '?', variant: e.platform.variant })
          : '?',
      );
      throw new Error(
        `manifest ${ref.reference}: no image for ${formatPlatform(platform)} in the index (it has ${offered.join(', ') || 'none'})`,
      );
    }
    doc = await fetchManifest(client, chosen.digest, chosen.digest);
  }
  if (doc.schemaVersion === 1) throw new Error(`manifest ${ref.reference}: schema 1 manifests are not supported`);
  if (!Array.isArray(doc.layers)) throw new Error(`manifest ${ref.reference}: no layers (media type "${doc.type || 'unknown'}")`);
  for (const layer of doc.layers) {
    if (typeof layer?.digest !== 'string') throw new Error(`manifest ${ref.reference}: a layer has no digest`);
    splitDigest(layer.digest);
  }
  return doc.layers;
}
