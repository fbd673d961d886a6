/**
 * Reading config sources: a directory (recursive, byte-wise lexical order, .yaml/.yml only), a
 * file of any extension, an http(s) URL, or text in memory. A path that does not exist is an
 * error that says so; binary data is refused before it reaches the YAML parser.
 */
// Synchronous on purpose: a boot stage reads a few dozen small files and nothing else is going on;
// the thread-pool round trips of the promise API cost more than the reads themselves.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { extname, join } from 'node:path';
import { httpGet, reasonOf, redactUrl } from '@yipts/http';
import type { SourceInput } from '../context.js';
import { diagnostic } from '../diagnostics.js';
import { fromPlain } from '../node.js';
import { convertCloudConfig, isCloudConfig } from './cloud-config.js';
import { interpretConfig } from './config.js';
import { parseDotNotation } from './dot-notation.js';
import type { LoadedFile } from './loaded-file.js';
import { failedFile } from './loaded-file.js';
import { parseYaml } from './yaml.js';
import { fastParse } from './fast-yaml.js';
import { LIMITS, sizeText } from './limits.js';
import type { Diagnostic } from '../diagnostics.js';

export interface LoadOptions {
  readonly dotNotation: boolean;
  /** How long an http(s) source may take. */
  readonly fetchTimeoutMs: number;
  readonly signal?: AbortSignal;
  /**
   * The stage about to run. A file whose text never mentions it cannot have steps for it and is
   * not parsed (start-up matters: stages run several times per boot). Cloud-config files and dot
   * notation are always parsed, since their stages are implied.
   */
  readonly stage?: string;
  /** Try the fast reader first (see fast-yaml.ts); the result is then `precise: false`. */
  readonly fast?: boolean;
}

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

/** Largest config file accepted from a URL. */
export const MAX_URL_SOURCE_BYTES = 16 * 1024 * 1024;

/** How a source is named in results, step ids and messages: a URL without its password. */
export function sourceName(input: SourceInput): string {
  if (typeof input !== 'string') return input.name;
  return isUrl(input) ? redactUrl(input) : input;
}

export const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** The files of one source, in the order their steps chain. */
export async function loadSource(input: SourceInput, options: LoadOptions): Promise<LoadedFile[]> {
  if (typeof input !== 'string') {
    if (input.kind === 'object') return [interpretConfig(fromPlain(input.config), input.name, [], false)];
    return [parseText(input.text, input.name, options.dotNotation || input.dotNotation === true, options.stage, options.fast)];
  }
  if (isUrl(input)) return [await loadUrl(input, options)];
  let info: Stats;
  try {
    info = statSync(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    return [failedFile(input, [diagnostic('error', 'source', reason, input)])];
  }
  if (info.isDirectory()) {
    const files = await walk(input);
    return Promise.all(files.map((f) => loadFile(f, options)));
  }
  return [await loadFile(input, options)];
}

async function loadFile(path: string, options: LoadOptions): Promise<LoadedFile> {
  let data: Buffer;
  try {
    // Refused before reading: a huge file must not be read into memory at all.
    const size = statSync(path).size;
    if (size > LIMITS.fileBytes) return tooLarge(path, size);
    data = readFileSync(path);
  } catch (error) {
    return failedFile(path, [diagnostic('error', 'source', (error as Error).message, path)]);
  }
  return parseBytes(data, path, options.dotNotation, options.stage, options.fast);
}

/** A URL source: its credentials go as basic authentication; the file is named without them. */
async function loadUrl(url: string, options: LoadOptions): Promise<LoadedFile> {
  const name = redactUrl(url);
  try {
    const { body } = await httpGet(url, {
      timeoutMs: options.fetchTimeoutMs,
      maxBytes: MAX_URL_SOURCE_BYTES,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return parseBytes(body, name, options.dotNotation, options.stage, options.fast);
  } catch (error) {
    return failedFile(name, [diagnostic('error', 'source', `cannot fetch: ${reasonOf(error)}`, name)]);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function parseBytes(data: Buffer, file: string, dotNotation: boolean, stage?: string, fast?: boolean): LoadedFile {
  if (data.length > LIMITS.fileBytes) return tooLarge(file, data.length);
  let text: string;
  try {
    if (data.includes(0)) throw new Error('NUL');
    text = decoder.decode(data);
  } catch {
    return failedFile(file, [diagnostic('error', 'source', 'not a text file (binary data); expected YAML', file)]);
  }
  return parseText(text, file, dotNotation, stage, fast);
}

function tooLarge(file: string, size: number): LoadedFile {
  const message = `the file is ${sizeText(size)}, more than the ${sizeText(LIMITS.fileBytes)} a config may have; refusing it`;
  return failedFile(file, [diagnostic('error', 'limit-size', message, file)]);
}

export function parseText(text: string, file: string, dotNotation: boolean, stage?: string, fast?: boolean): LoadedFile {
  if (text.length > LIMITS.fileBytes) return tooLarge(file, Buffer.byteLength(text));
  if (stage !== undefined && !dotNotation && !text.includes(stage) && !isCloudConfig(text)) {
    return { file, name: undefined, stages: new Map(), diagnostics: [], ok: true, root: undefined, cloudConfig: false, parsed: false };
  }
  if (dotNotation) {
    // A kernel command line is mostly other parameters (root=, console=...): only yip's own
    // top-level keys are read, so that those are not reported as unknown keys on every boot.
    const { value, rejected } = parseDotNotation(text, (path) => path[0] === 'stages' || path[0] === 'name');
    const diagnostics = rejected.map((t) =>
      diagnostic('warning', 'dot-notation', `cannot read \`${t}\` as a path=value setting; ignored`, file),
    );
    return interpretConfig(fromPlain(value), file, diagnostics, false);
  }
  if (fast) {
    const quick = readFast(text, file);
    if (quick) return quick;
  }
  const parsed = parseYaml(text, file);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return failedFile(file, parsed.diagnostics);
  const cloudConfig = isCloudConfig(text);
  const node = cloudConfig && parsed.node?.kind === 'map' ? convertCloudConfig(parsed.node, file, parsed.diagnostics) : parsed.node;
  return interpretConfig(node, file, parsed.diagnostics, cloudConfig);
}

/** Depth-first, each directory's entries in byte order, as Go's filepath.Walk does. */
async function walk(dir: string): Promise<string[]> {
  const entries = readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  const out: string[] = [];
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (ext(e.name)) out.push(full);
  }
  return out;
}

const ext = (name: string) => {
  const e = extname(name);
  return e === '.yaml' || e === '.yml';
};

/** The fast reader's result, when it read the file and found nothing to say about it. */
function readFast(text: string, file: string): LoadedFile | undefined {
  const node = fastParse(text);
  if (node === undefined || node === 'empty') return undefined;
  const cloudConfig = isCloudConfig(text);
  const diagnostics: Diagnostic[] = [];
  const converted = cloudConfig && node.kind === 'map' ? convertCloudConfig(node, file, diagnostics) : node;
  const loaded = interpretConfig(converted, file, diagnostics, cloudConfig);
  if (!loaded.ok || loaded.diagnostics.length > 0) return undefined;
  return { ...loaded, precise: false, text };
}
