// JSON helpers. toJson swallows encoding errors (returns "") exactly like sprig; fromJson follows Helm,
// reporting a parse failure under an "Error" key instead of aborting the render.
import { marshalJson } from '../go-json.js';
import type { JsonOptions } from '../go-json.js';
import { isPlainObject } from '../values.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

function safeJson(options: JsonOptions): (v: unknown) => string {
  return (v: unknown) => {
    try {
      return marshalJson(v, options);
    } catch {
      return '';
    }
  };
}

function fromJson(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isPlainObject(parsed)) return parsed;
    return { Error: 'json: cannot unmarshal non-object into Go value of type map[string]interface {}' };
  } catch (err) {
    return { Error: err instanceof Error ? err.message : String(err) };
  }
}

export const sprigJson: FuncMap = {
  toJson: define(['any'], safeJson({})),
  toPrettyJson: define(['any'], safeJson({ indent: '  ' })),
  toRawJson: define(['any'], safeJson({ escapeHtml: false })),
  mustToJson: define(['any'], (v: unknown) => marshalJson(v)),
  fromJson: define(['string'], fromJson),
};
