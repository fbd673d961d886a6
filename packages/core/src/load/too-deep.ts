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
