/** Raised while parsing; line and column are 1-based positions in the template text. */
export class TemplateSyntaxError extends Error {
  line: number;
  column: number;

  constructor(reason: string, line: number, column: number) {
    // The Go-like prefix keeps messages greppable next to logs produced by yip itself.
    super(`template: ${line}:${column}: ${reason}`);
    this.name = 'TemplateSyntaxError';
    this.line = line;
    this.column = column;
  }
}

/** Raised while executing a parsed template (type errors, `fail`, missing keys in 'error' mode...). */
export class TemplateExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateExecError';
  }
}
