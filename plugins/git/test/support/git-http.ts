/**
 * A loopback smart-HTTP git server: node:http in front of the real `git http-backend` (CGI), with
 * optional HTTP basic auth. It serves every repository under `projectRoot`; a missing one is a
 * 404 from git itself.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface GitHttpServer {
  /** http://127.0.0.1:PORT (https with `tls`), no trailing slash. */
  readonly url: string;
  /** One entry per request: method, path and the user name the client sent (if any). */
  readonly requests: { method: string; path: string; user: string | undefined; accepted: boolean }[];
  close(): Promise<void>;
}

export interface GitHttpOptions {
  readonly projectRoot: string;
  readonly auth?: { readonly username: string; readonly password: string };
  /** Called while an authenticated request is being served (git is then running on the client side). */
  readonly duringRequest?: () => void | Promise<void>;
  /** Serve https with this (self-signed) certificate. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export async function startGitHttpServer(options: GitHttpOptions): Promise<GitHttpServer> {
  const requests: GitHttpServer['requests'] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res, options, requests).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  };
  const server = options.tls ? createTlsServer(options.tls, handler) : createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  options: GitHttpOptions,
  requests: GitHttpServer['requests'],
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const credentials = basicCredentials(req.headers.authorization);
  const accepted = !options.auth || (credentials?.username === options.auth.username && credentials.password === options.auth.password);
  requests.push({ method: req.method ?? 'GET', path: url.pathname, user: credentials?.username, accepted });
  if (!accepted) {
    req.resume();
    res.writeHead(401, { 'www-authenticate': 'Basic realm="git"', 'content-type': 'text/plain' }).end('authentication required\n');
    return;
  }
  if (options.auth && options.duringRequest) await options.duringRequest();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GIT_PROJECT_ROOT: options.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: '127.0.0.1',
  };
  if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
  if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
  const protocol = req.headers['git-protocol'];
  if (typeof protocol === 'string') env.GIT_PROTOCOL = protocol;
  if (credentials) env.REMOTE_USER = credentials.username;

  const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  req.pipe(child.stdin);
  child.stdin.on('error', () => {});
  let head = Buffer.alloc(0);
  let sent = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (sent) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = findHeaderEnd(head);
    if (!end) return;
    const { status, headers } = parseCgiHeaders(head.subarray(0, end.at).toString('latin1'));
    res.writeHead(status, headers);
    sent = true;
    res.write(head.subarray(end.at + end.length));
  });
  await new Promise<void>((resolve) => child.on('close', () => resolve()));
  if (!sent) res.writeHead(502);
  res.end();
}

function basicCredentials(header: string | undefined): { username: string; password: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? { username: text, password: '' } : { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

function findHeaderEnd(buffer: Buffer): { at: number; length: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  return lf >= 0 ? { at: lf, length: 2 } : undefined;
}

function parseCgiHeaders(text: string): { status: number; headers: Record<string, string> } {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
    else headers[name] = value;
  }
  return { status, headers };
}
