/** Unified diffs of file contents, made with the `diff` library (jsdiff). */
import { createTwoFilesPatch } from 'diff';

/** The unified diff turning `before` into `after` at `path`, without the `Index:`/`===` header. */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined): string {
  const patch = createTwoFilesPatch(
    before === undefined ? '/dev/null' : path,
    after === undefined ? '/dev/null' : path,
    before ?? '',
    after ?? '',
    '',
    '',
    { context: 3 },
  );
  // jsdiff starts with a line of `=` signs and ends the file lines with a tab before the (empty) header.
  return patch.slice(patch.indexOf('---')).replace(/^(---|\+\+\+) (.*)\t$/gm, '$1 $2');
}
