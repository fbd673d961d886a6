/**
 * The line of YAML a message points at, with a caret under its column, for messages printed to
 * a terminal. Off a terminal (logs, CI, pipes) messages stay one line, `file:line:col: message`,
 * which editors and grep read.
 */
import { readFileSync, statSync } from 'node:fs';
import { LIMITS } from '@yipts/core';

/** Lines longer than this are cut around the column. */
const WIDTH = 120;

/** The frame for `text` (one line of the source) at `line`:`col`; `mark` paints the caret. */
export function codeFrame(text: string, line: number, col: number, mark: (caret: string) => string = (c) => c): string {
  let shown = text;
  let at = Math.max(1, Math.min(col, text.length + 1));
  if (shown.length > WIDTH) {
    const start = Math.max(0, Math.min(at - 1 - WIDTH / 2, shown.length - WIDTH));
    shown = `${start > 0 ? '…' : ''}${shown.slice(start, start + WIDTH)}${start + WIDTH < text.length ? '…' : ''}`;
    at = at - start + (start > 0 ? 1 : 0);
  }
  const gutter = String(line);
  // Tabs before the column stay tabs so that the caret lines up whatever the tab width.
  const pad = shown.slice(0, at - 1).replace(/[^\t]/g, ' ');
  return `  ${gutter} | ${shown}\n  ${' '.repeat(gutter.length)} | ${pad}${mark('^')}\n`;
}

/** Reads the lines of source files on demand, once each; a source that is no readable file has none. */
export class SourceLines {
  private readonly files = new Map<string, readonly string[] | undefined>();

  line(file: string, line: number): string | undefined {
    if (!this.files.has(file)) this.files.set(file, readLines(file));
    return this.files.get(file)?.[line - 1];
  }
}

// A frame needs the file's text: a file larger than a config may be is not read again.
function readLines(file: string): readonly string[] | undefined {
  try {
    if (!statSync(file).isFile() || statSync(file).size > LIMITS.fileBytes) return undefined;
    return readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    // A URL, standard input, the kernel command line: no frame, the location is still printed.
    return undefined;
  }
}
