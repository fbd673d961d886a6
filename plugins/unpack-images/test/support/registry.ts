/**
 * A loopback OCI registry for tests (node:http on 127.0.0.1, ephemeral port): serves what the
 * test pushes, by the Distribution API paths, anonymously or behind a Basic or Bearer challenge.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

export type AuthMode =
  | { kind: 'none' }
  | { kind: 'bearer'; user?: string; password?: string }
  | { kind: 'basic'; user: string; password: string };

export interface TestRegistry {
  /** `127.0.0.1:PORT` */
  readonly host: string;
  /** Every request as `METHOD path` (with `auth=<scheme>` when an Authorization header came). */
  readonly log: string[];
  auth: AuthMode;
  /** Blobs served with other bytes than their digest says. */
  readonly corrupt: Set<string>;
  /** Blobs never answered (the client's idle limit must end the request). */
  readonly hang: Set<string>;
  /** Blobs answered 503 this many more times before they are served. */
  readonly flaky: Map<string, number>;
  pushBlob(data: Buffer): { digest: string; size: number };
  pushManifest(repo: string, tags: readonly string[], doc: object, mediaType: string): { digest: string; size: number };
  close(): Promise<void>;
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const TOKEN = 'test-token-4f1c';

export async function startRegistry(): Promise<TestRegistry> {
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, { body: Buffer; type: string }>();
  const log: string[] = [];
  const corrupt = new Set<string>();
  const hang = new Set<string>();
  const flaky = new Map<string, number>();
  const sockets = new Set<import('node:net').Socket>();
  let host = '';
  const registry: TestRegistry = {
    get host() {
      return host;
    },
    log,
    auth: { kind: 'none' },
    corrupt,
    hang,
    flaky,
    pushBlob(data) {
      const digest = sha(data);
      blobs.set(digest, data);
      return { digest, size: data.length };
    },
    pushManifest(repo, tags, doc, mediaType) {
      const body = Buffer.from(JSON.stringify(doc));
      const digest = sha(body);
      for (const ref of [...tags, digest]) manifests.set(`${repo}@${ref}`, { body, type: mediaType });
      return { digest, size: body.length };
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const error = (res: ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code, message }] }));
  };
  const basicOk = (req: IncomingMessage, user?: string, password?: string) =>
    req.headers.authorization === `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    const scheme = req.headers.authorization?.split(' ')[0];
    log.push(`${req.method} ${url.pathname}${scheme ? ` auth=${scheme}` : ''}`);
    const auth = registry.auth;
    if (url.pathname === '/token') {
      if (auth.kind !== 'bearer') return error(res, 404, 'NOT_FOUND', 'no token service');
      if (auth.user && !basicOk(req, auth.user, auth.password)) return error(res, 401, 'UNAUTHORIZED', 'bad credentials');
      if (url.searchParams.get('service') !== 'test-registry' || !url.searchParams.get('scope')?.startsWith('repository:'))
        return error(res, 400, 'DENIED', 'bad token request');
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: TOKEN }));
    }
    if (!url.pathname.startsWith('/v2/')) return error(res, 404, 'NOT_FOUND', 'not found');
    if (auth.kind === 'bearer' && req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.setHeader('www-authenticate', `Bearer realm="http://${host}/token",service="test-registry",scope="repository:x:pull"`);
      return error(res, 401, 'UNAUTHORIZED', 'authentication required');
    }
    if (auth.kind === 'basic' && !basicOk(req, auth.user, auth.password)) {
      res.setHeader('www-authenticate', 'Basic realm="test"');
      return error(res, 401, 'UNAUTHORIZED', 'authentication required');
    }
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname);
    if (!m) return error(res, 404, 'NOT_FOUND', 'not found');
    const [, repo, kind, ref] = m as unknown as [string, string, string, string];
    if (kind === 'manifests') {
      const found = manifests.get(`${repo}@${ref}`);
      if (!found) return error(res, 404, 'MANIFEST_UNKNOWN', `manifest unknown: ${repo}:${ref}`);
      return void res
        .writeHead(200, { 'content-type': found.type, 'content-length': found.body.length, 'docker-content-digest': sha(found.body) })
        .end(found.body);
    }
    const blob = blobs.get(ref);
    if (!blob) return error(res, 404, 'BLOB_UNKNOWN', `blob unknown: ${ref}`);
    if (hang.has(ref)) return;
    const failures = flaky.get(ref) ?? 0;
    if (failures > 0) {
      flaky.set(ref, failures - 1);
      return error(res, 503, 'UNAVAILABLE', 'try again');
    }
    const body = corrupt.has(ref) ? Buffer.from(blob.map((b) => b ^ 0xff)) : blob;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return registry;
}

/** Pushes layers (already compressed), a config and a manifest; returns the manifest's descriptor. */
export function pushImage(
  reg: TestRegistry,
  repo: string,
  tags: readonly string[],
  layers: readonly Buffer[],
  platform = { os: 'linux', architecture: 'amd64' },
  mediaType = OCI_MANIFEST,
) {
  const config = reg.pushBlob(Buffer.from(JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: [] } })));
  const docker = mediaType === DOCKER_MANIFEST;
  const doc = {
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: docker ? 'application/vnd.docker.container.image.v1+json' : 'application/vnd.oci.image.config.v1+json',
      ...config,
    },
    layers: layers.map((l) => ({
      mediaType: docker ? 'application/vnd.docker.image.rootfs.diff.tar.gzip' : 'application/vnd.oci.image.layer.v1.tar+gzip',
      ...reg.pushBlob(l),
    })),
  };
  return { ...reg.pushManifest(repo, tags, doc, mediaType), mediaType, platform, layers: doc.layers };
}

export function pushIndex(reg: TestRegistry, repo: string, tags: readonly string[], images: readonly ReturnType<typeof pushImage>[]) {
  const doc = {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: images.map((i) => ({ mediaType: i.mediaType, digest: i.digest, size: i.size, platform: i.platform })),
  };
  return reg.pushManifest(repo, tags, doc, OCI_INDEX);
}
