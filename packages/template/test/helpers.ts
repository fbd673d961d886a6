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

/** One rendering: the template, the text it must give, and its data (`{}` when left out). */
export type RenderCase = readonly [template: string, expected: string, data?: unknown];

/** Renders each case; a failing one is named by its template, also when it throws. */
export function rendersAs(cases: readonly RenderCase[]): void {
  for (const [template, expected, data = {}] of cases) {
    let text: string;
    try {
      text = render(template, data);
    } catch (error) {
      assert.unreachable(`${template}: threw ${String(error)}`);
      return;
    }
    assert.is(text, expected, `${template}: rendered ${JSON.stringify(text)}, expected ${JSON.stringify(expected)}`);
  }
}

/** Calls fn on each input and compares (deeply) with what it must give; a failure names the input. */
export function eachGives<I, O>(fn: (input: I) => O, cases: readonly (readonly [input: I, expected: O])[]): void {
  for (const [input, expected] of cases) assert.equal(fn(input), expected, `${fn.name}(${JSON.stringify(input)})`);
}
