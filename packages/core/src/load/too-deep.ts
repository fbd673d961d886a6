/**
 * The YAML reader itself gives up on very deep nesting with "Maximum call stack size exceeded"
 * and no useful position. This says the same in the user's terms and finds the place: the first
 * point where flow brackets, or indentation and `- ` markers, go deeper than the limit.
 */
import { LIMITS } from './limits.js';

export function isStackOverflow(message: string): boolean {
  return /maximum call stack/i.test(message);
}

export const TOO_DEEP = `values nest more than ${LIMITS.depth} levels deep; refusing the file`;

/**
 * Offset of the first flow bracket (`[`, `{`) that opens more levels than the limit, or
 * undefined. Checked before parsing: the YAML reader's recovery from thousands of unclosed
 * brackets takes seconds and a gigabyte. Quotes are not followed: a config holding a hundred
 * unclosed brackets inside a string is not worth the cost of telling it apart.
 */
export function flowTooDeep(text: string): number | undefined {
  let flow = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++flow > LIMITS.depth) return i;
    } else if (c === 93 || c === 125) {
      if (flow > 0) flow--;
    }
  }
  return undefined;
}

/** 1-based line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** Offset of the first place nested deeper than the limit, or undefined when none is found. */
export function deepestOffset(text: string): number | undefined {
  let flow = 0;
  let lineStart = 0;
  let atIndent = true;
  let block = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = i + 1;
      atIndent = true;
      block = 0;
      continue;
    }
    if (atIndent) {
      // Each space or `- ` marker of the indentation can open one level.
      if (c === 32 || c === 45) block++;
      else atIndent = false;
      if (block > 2 * LIMITS.depth) return lineStart;
    }
    if (c === 91 || c === 123) {
      if (++flow > LIMITS.depth) return i;
    } else if (c === 93 || c === 125) flow = Math.max(0, flow - 1);
  }
  return undefined;
}
