/** What validate finds: every diagnostic of every stage of a source, each once, in file order. */
import type { Diagnostic, RunResult, YiptsError } from '@yipts/core';

export interface Finding {
  readonly file: string;
  readonly line: number | undefined;
  readonly col: number | undefined;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
}

function toFinding(d: Diagnostic | YiptsError, file: string): Finding {
  return { file: d.file ?? file, line: d.line, col: d.col, severity: d.severity, code: d.code, message: d.reason };
}

/** Every finding of an analysis: the files' diagnostics of each stage, and the run's own errors. */
export function findingsOf(result: RunResult, source: string): Finding[] {
  return [
    ...result.stages.flatMap((s) => s.diagnostics.map((d) => toFinding(d, s.source))),
    ...result.errors.map((e) => toFinding(e, source)),
  ];
}

/**
 * A filter that keeps each finding once, by its place and text: a file-level finding (a YAML
 * error, an unknown top-level key) is reported by every stage the file takes part in.
 */
export function firstOfEach(): (f: Finding) => boolean {
  const seen = new Set<string>();
  return (f) => {
    const key = JSON.stringify([f.file, f.line, f.col, f.code, f.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

/** By file, then position: the order an editor lists them. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const at = (f: Finding) => [f.line ?? 0, f.col ?? 0] as const;
  return [...findings].sort((a, b) => {
    if (a.file !== b.file) return a.file < b.file ? -1 : 1;
    const [la, ca] = at(a);
    const [lb, cb] = at(b);
    return la - lb || ca - cb;
  });
}
