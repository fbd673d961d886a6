// encoding/json output: sorted map keys, HTML-safe escaping and Go's number formatting.
import { formatLayout, timeParts } from './time-layout.js';
import { isMap, isNil, sortedEntries, typeName } from './values.js';

function escapeString(s: string, escapeHtml: boolean): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (cp < 0x20) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (escapeHtml && (ch === '<' || ch === '>' || ch === '&')) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16)}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

function encode(v: unknown, escapeHtml: boolean, indent: string, depth: number): string {
  if (isNil(v)) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${v}`);
      // JavaScript's shortest form matches Go's choice of exponent thresholds (1e-6, 1e21).
      return String(v);
    case 'bigint':
      return v.toString();
    case 'string':
      return escapeString(v, escapeHtml);
    case 'function':
      throw new Error(`json: unsupported type: ${typeName(v)}`);
    default:
      break;
  }
  if (v instanceof Date) {
    return escapeString(formatLayout(timeParts(v, 'Local'), '2006-01-02T15:04:05.999999999Z07:00'), escapeHtml);
  }
  if (v instanceof Uint8Array) return `"${Buffer.from(v).toString('base64')}"`;
  const newline = indent === '' ? '' : `\n${indent.repeat(depth + 1)}`;
  const closing = indent === '' ? '' : `\n${indent.repeat(depth)}`;
  const colon = indent === '' ? ':' : ': ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${v.map((item) => newline + encode(item, escapeHtml, indent, depth + 1)).join(',')}${closing}]`;
  }
  if (isMap(v)) {
    const entries = sortedEntries(v);
    if (entries.length === 0) return '{}';
    const body = entries.map(
      ([key, value]) => `${newline}${escapeString(String(key), escapeHtml)}${colon}${encode(value, escapeHtml, indent, depth + 1)}`,
    );
    return `{${body.join(',')}${closing}}`;
  }
  return escapeString(String(v), escapeHtml);
}

export interface JsonOptions {
  escapeHtml?: boolean;
  indent?: string;
}

/** json.Marshal / json.MarshalIndent(v, "", indent); throws on values JSON cannot represent. */
export function marshalJson(v: unknown, options: JsonOptions = {}): string {
  return encode(v, options.escapeHtml ?? true, options.indent ?? '', 0);
}
