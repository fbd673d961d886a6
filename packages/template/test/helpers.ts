import * as assert from 'uvu/assert';
import { renderTemplate } from '../src/index.js';
import type { TemplateOptions } from '../src/index.js';

export function render(text: string, data: unknown = {}, options?: TemplateOptions): string {
  return renderTemplate(text, data, options);
}

/** Asserts that fn throws an instance of errorClass whose message contains every fragment. */
export function throwsWith(fn: () => unknown, errorClass: new (...args: never[]) => Error, ...fragments: string[]): Error {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof errorClass, `expected ${errorClass.name}, got ${String(caught)}`);
  const error = caught as Error;
  for (const fragment of fragments) {
    assert.ok(error.message.includes(fragment), `"${error.message}" should contain "${fragment}"`);
  }
  return error;
}
