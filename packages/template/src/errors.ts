/** Raised while parsing; line and column are 1-based positions in the template text. */
export class TemplateSyntaxError extends Error {
  line: number;
  column: number;
  readonly code: string;

  constructor(reason: string, line: number, column: number) {
    // The Go-like prefix keeps messages greppable next to logs produced by yip itself.
    super(`template: ${line}:${column}: ${reason}`);
    this.name = 'TemplateSyntaxError';
    // The yipts engine reports a thrown error under its `code`.
    this.code = 'template-syntax';
    this.line = line;
    this.column = column;
  }
}

/** Raised while executing a parsed template (type errors, `fail`, missing keys in 'error' mode...). */
export class TemplateExecError extends Error {
  readonly code = 'template-exec';
  constructor(message: string) {
    super(message);
    this.name = 'TemplateExecError';
  }
}
