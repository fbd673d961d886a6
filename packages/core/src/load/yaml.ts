/**
 * YAML text to a located node tree, with yip's YAML habits: YAML 1.1 scalars (0644 octal,
 * yes/no booleans), anchors and `<<` merges, only the first document of a stream.
 *
 * Aliases are shared, not copied, and the size the tree would have once expanded is bounded, so
 * a "billion laughs" document is an error instead of an exhausted machine. Nesting depth and the
 * length of one string are bounded too (see limits.ts): every later walk of the tree may recurse.
 */
import type { Alias, Document, Scalar, Node as YamlNode } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { ErrorCode } from '../error-codes.js';
import { YiptsError } from '../errors.js';
import type { MapEntry, Position, YNode } from '../node.js';
import { Anchors } from './anchors.js';
import { LIMITS } from './limits.js';
import { templateHint } from './template-hint.js';
import { deepestOffset, flowTooDeep, isStackOverflow, positionAt, TOO_DEEP } from './too-deep.js';
import { yamlLibrary } from './yaml-libraries.js';

/** Expanded nodes a config may have; the largest real config has a few thousand. */
export const MAX_EXPANDED_NODES = LIMITS.expandedNodes;

/** Syntax errors reported for one file. */
const MAX_SYNTAX_ERRORS = 10;

export interface ParsedYaml {
  readonly node: YNode | undefined;
  readonly diagnostics: Diagnostic[];
}

/** A finding that ends the conversion of the document; caught by parseYaml, which records it. */
function refuse(code: ErrorCode, message: string, pos: Position): YiptsError {
  return new YiptsError(message, { code, line: pos.line, col: pos.col });
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new (yamlLibrary().LineCounter)();
  const posOf = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const deepFlow = flowTooDeep(text);
  if (deepFlow !== undefined) {
    return { node: undefined, diagnostics: [diagnostic('error', 'limit-depth', TOO_DEEP, file, positionAt(text, deepFlow))] };
  }
  let docs: ReturnType<typeof import('yaml').parseAllDocuments>;
  try {
    docs = yamlLibrary().parseAllDocuments(text, { version: '1.1', uniqueKeys: false, merge: true, lineCounter, prettyErrors: true });
  } catch (error) {
    if (!(error instanceof RangeError) || !isStackOverflow(error.message)) throw error;
    const at = deepestOffset(text);
    return { node: undefined, diagnostics: [diagnostic('error', 'limit-depth', TOO_DEEP, file, at === undefined ? undefined : posOf(at))] };
  }
  const list = Array.isArray(docs) ? docs : [];
  const doc = list[0];
  if (!doc) return { node: undefined, diagnostics };
  if (list.length > 1) {
    const second = list[1]!;
    const at = second.range?.[0] ?? 0;
    diagnostics.push(
      diagnostic('warning', 'multi-document', 'only the first YAML document is used; the others are ignored', file, posOf(at)),
    );
  }
  if (doc.errors.length > 0) {
    const lines = text.split('\n');
    // A file of garbage can have thousands of syntax errors; the first ones say what is wrong.
    for (const e of doc.errors.slice(0, MAX_SYNTAX_ERRORS)) {
      if (isStackOverflow(e.message)) {
        // Once is enough: every branch of the same deep value overflows again.
        if (diagnostics.some((d) => d.code === 'limit-depth')) continue;
        diagnostics.push(diagnostic('error', 'limit-depth', TOO_DEEP, file, posOf(deepestOffset(text) ?? e.pos[0])));
        continue;
      }
      const pos = posOf(e.pos[0]);
      diagnostics.push(diagnostic('error', 'yaml', `${firstLine(e.message)}${templateHint(lines[pos.line - 1] ?? '')}`, file, pos));
    }
    const more = doc.errors.length - MAX_SYNTAX_ERRORS;
    if (more > 0) diagnostics.push(diagnostic('error', 'yaml', `${more} more YAML error(s) not shown`, file));
    return { node: undefined, diagnostics };
  }
  try {
    const converter = new Converter(doc, posOf, file, diagnostics, text);
    const node = doc.contents ? converter.convert(doc.contents as YamlNode, 0) : undefined;
    if (node) bounded(node);
    return { node, diagnostics };
  } catch (error) {
    if (error instanceof YiptsError) {
      diagnostics.push(error.withOrigin({ file }) as Diagnostic);
      return { node: undefined, diagnostics };
    }
    throw error;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

class Converter {
  private readonly done = new Map<YamlNode, YNode>();
  private readonly active = new Set<YamlNode>();
  private readonly anchors: Anchors;

  constructor(
    doc: Document,
    private readonly posOf: (offset: number) => Position,
    private readonly file: string,
    private readonly diagnostics: Diagnostic[],
    private readonly text: string,
  ) {
    this.anchors = new Anchors(doc);
  }

  private at(node: { range?: [number, number, number] | null | undefined }): Position {
    return this.posOf(node.range?.[0] ?? 0);
  }

  convert(node: YamlNode, depth: number): YNode {
    if (yamlLibrary().isAlias(node)) {
      const target = this.anchors.resolve(node as Alias);
      if (!target) throw refuse('yaml', `unknown alias *${(node as Alias).source}`, this.at(node));
      return this.convert(target as YamlNode, depth);
    }
    const cached = this.done.get(node);
    if (cached) return cached;
    if (this.active.has(node)) throw refuse('yaml', 'an alias refers to the node that contains it', this.at(node));
    if (depth > LIMITS.depth) throw refuse('limit-depth', TOO_DEEP, this.at(node));
    this.active.add(node);
    const result = this.convertFresh(node, depth);
    this.active.delete(node);
    this.done.set(node, result);
    return result;
  }

  private convertFresh(node: YamlNode, depth: number): YNode {
    const pos = this.at(node);
    if (yamlLibrary().isScalar(node)) return this.scalar(node, pos);
    if (yamlLibrary().isSeq(node)) return { kind: 'seq', items: node.items.map((item) => this.convert(item as YamlNode, depth + 1)), pos };
    if (yamlLibrary().isMap(node)) return { kind: 'map', entries: this.entries(node.items, pos, depth + 1), pos };
    throw refuse('yaml', 'unsupported YAML node', pos);
  }

  private scalar(node: Scalar, pos: Position): YNode {
    const raw = node.value;
    const source = (node as Scalar & { source?: string }).source ?? String(raw);
    if (source.length > LIMITS.stringChars) {
      const message = `a value of ${source.length} characters is longer than the ${LIMITS.stringChars} a config may hold; refusing it`;
      throw refuse('limit-string', message, pos);
    }
    const quoted = node.type !== undefined && node.type !== yamlLibrary().Scalar.PLAIN;
    if (raw === null || raw === undefined) return { kind: 'scalar', value: null, source: '', quoted, pos };
    if (typeof raw === 'string' || typeof raw === 'boolean') return { kind: 'scalar', value: raw, source, quoted, pos };
    if (typeof raw === 'number') return { kind: 'scalar', value: raw, source, quoted, pos };
    // Timestamps, binary, big integers: keep the text as written.
    return { kind: 'scalar', value: source, source, quoted, pos };
  }

  private entries(pairs: readonly unknown[], mapPos: Position, depth: number): MapEntry[] {
    const explicit = new Set<string>();
    for (const pair of pairs) {
      if (yamlLibrary().isPair(pair) && !this.isMergeKey(pair.key)) explicit.add(this.keyText(pair.key, mapPos));
    }
    const out: MapEntry[] = [];
    const index = new Map<string, number>();
    for (const pair of pairs) {
      if (!yamlLibrary().isPair(pair)) continue;
      if (this.isMergeKey(pair.key)) {
        for (const merged of this.mergeSources(pair.value as YamlNode | null, depth)) {
          if (explicit.has(merged.key) || index.has(merged.key)) continue;
          index.set(merged.key, out.length);
          out.push(merged);
        }
        continue;
      }
      const keyNode = pair.key as YamlNode | null;
      const key = this.keyText(keyNode, mapPos);
      const keyPos = keyNode ? this.at(keyNode) : mapPos;
      const value: YNode = pair.value
        ? this.convert(pair.value as YamlNode, depth)
        : { kind: 'scalar', value: null, source: '', quoted: false, pos: keyPos };
      const previous = index.get(key);
      if (previous !== undefined) {
        const first = out[previous]!;
        const firstEmpty = first.value.kind === 'scalar' && first.value.value === null;
        if (!firstEmpty) throw refuse('duplicate-key', `duplicate key \`${key}\` (first defined at line ${first.keyPos.line})`, keyPos);
        // A key left empty and written again below (as in a common copy-paste) is harmless: keep the later one.
        this.diagnostics.push(
          diagnostic(
            'warning',
            'duplicate-key',
            `key \`${key}\` appears twice; the empty one at line ${first.keyPos.line} is ignored`,
            this.file,
            keyPos,
          ),
        );
        out[previous] = { key, keyPos, value };
        continue;
      }
      index.set(key, out.length);
      out.push({ key, keyPos, value });
    }
    return out;
  }

  private isMergeKey(key: unknown): boolean {
    if (!yamlLibrary().isScalar(key)) return false;
    const v = key.value;
    return (
      (typeof v === 'symbol' && v.description === '<<') ||
      (v === '<<' && (key.type === undefined || key.type === yamlLibrary().Scalar.PLAIN))
    );
  }

  private mergeSources(value: YamlNode | null, depth: number): MapEntry[] {
    if (!value) return [];
    const resolved = yamlLibrary().isAlias(value) ? this.anchors.resolve(value as Alias) : value;
    if (!resolved) return [];
    if (yamlLibrary().isSeq(resolved)) {
      // Earlier maps of the sequence win over later ones.
      const seen = new Set<string>();
      const out: MapEntry[] = [];
      for (const item of resolved.items) {
        for (const e of this.mergeSources(item as YamlNode, depth)) {
          if (seen.has(e.key)) continue;
          seen.add(e.key);
          out.push(e);
        }
      }
      return out;
    }
    const converted = this.convert(resolved, depth);
    if (converted.kind !== 'map') throw refuse('yaml', 'a merge key `<<` must refer to a mapping', this.at(value));
    return [...converted.entries];
  }

  private keyText(key: unknown, mapPos: Position): string {
    if (key === null || key === undefined) return '';
    if (yamlLibrary().isScalar(key)) {
      const v = key.value;
      if (typeof v === 'string') return v;
      return (key as Scalar & { source?: string }).source ?? String(v);
    }
    if (yamlLibrary().isAlias(key)) return this.keyText(this.anchors.resolve(key as Alias), mapPos);
    const pos = yamlLibrary().isMap(key) || yamlLibrary().isSeq(key) ? this.at(key) : mapPos;
    const range = (key as { range?: [number, number, number] | null }).range;
    // `{{ x }}` is a flow mapping whose only key is the flow mapping `{ x }`: the key starts
    // one character after the first brace.
    if (yamlLibrary().isMap(key) && range && this.text.startsWith('{{', range[0] - 1)) {
      throw refuse('template-key', 'an unquoted `{{ … }}` template reads as a YAML mapping: quote the template ("{{ … }}")', pos);
    }
    throw refuse('yaml', 'mapping keys must be plain values', pos);
  }
}

/** Throws when the tree, with every alias expanded, would be larger than MAX_EXPANDED_NODES. */
export function bounded(root: YNode): void {
  const sizes = new Map<YNode, number>();
  const size = (node: YNode): number => {
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    if (node.kind === 'seq') for (const item of node.items) total += size(item);
    else if (node.kind === 'map') for (const e of node.entries) total += size(e.value);
    total = Math.min(total, MAX_EXPANDED_NODES + 1);
    sizes.set(node, total);
    return total;
  };
  if (size(root) > MAX_EXPANDED_NODES) {
    const message = `the document expands to more than ${MAX_EXPANDED_NODES} values through aliases; refusing it (alias bomb?)`;
    throw refuse('limit-aliases', message, root.pos);
  }
}
