/**
 * Image references as docker and yip read them: `[host[:port]/]repo[:tag][@digest]`. A first
 * component is a registry host only when it has a dot or a colon or is `localhost`; anything
 * else is a Docker Hub repository, where one-component names live under `library/`.
 */
export interface ImageReference {
  /** Host (and port) to connect to, e.g. `registry-1.docker.io` or `127.0.0.1:5000`. */
  readonly registry: string;
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  /** The tag or digest asked of the registry: the digest wins when both are given. */
  readonly reference: string;
}

const DOCKER_HUB = 'registry-1.docker.io';
const REPO_PART = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export function parseReference(text: string): ImageReference {
  const input = text.trim();
  if (!input) throw new Error('the image reference is empty');
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new Error(`"${input}": "${digest}" is not a digest (ALGO:HEX)`);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new Error(`"${input}": "${tag}" is not a valid tag`);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    parts.shift();
  }
  if (registry === 'docker.io' || registry === 'index.docker.io') {
    registry = DOCKER_HUB;
    if (parts.length === 1) parts.unshift('library');
  }
  if (!parts.length || parts.some((p) => !REPO_PART.test(p)))
    throw new Error(`"${input}" is not a valid image reference (repository "${parts.join('/')}")`);
  if (!digest && !tag) tag = 'latest';
  return { registry, repository: parts.join('/'), tag, digest, reference: digest ?? tag! };
}

export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
