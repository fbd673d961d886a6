// Tokenizer following text/template/parse/lex.go so trim markers, comments and spacing behave identically.

export type TokenType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'identifier'
  | 'keyword'
  | 'field'
  | 'variable'
  | 'dot'
  | 'bool'
  | 'nil'
  | 'number'
  | 'charConstant'
  | 'string'
  | 'rawString'
  | 'leftParen'
  | 'rightParen'
  | 'pipe'
  | 'declare'
  | 'assign'
  | 'char'
  | 'eof'
  | 'error';

export interface Token {
  type: TokenType;
  value: string;
  /** Offset of the token in the template text. */
  pos: number;
}

export const KEYWORDS: ReadonlySet<string> = new Set([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'range',
  'template',
  'with',
]);

const LEFT_DELIM = '{{';
const RIGHT_DELIM = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const ALNUM = /^[\p{L}\p{Nd}_]$/u;

class LexError {
  constructor(
    readonly message: string,
    readonly pos: number,
  ) {}
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isAlphaNumeric(ch: string | undefined): boolean {
  return ch !== undefined && ALNUM.test(ch);
}

function describeRune(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch) ? `U+${hex} '${ch}'` : `U+${hex}`;
}

class Lexer {
  private pos = 0;
  private parenDepth = 0;
  readonly tokens: Token[] = [];

  constructor(private readonly input: string) {}

  run(): Token[] {
    try {
      this.lexText();
    } catch (err) {
      if (!(err instanceof LexError)) throw err;
      this.tokens.push({ type: 'error', value: err.message, pos: err.pos });
    }
    return this.tokens;
  }

  private emit(type: TokenType, start: number, end = this.pos): void {
    this.tokens.push({ type, value: this.input.slice(start, end), pos: start });
  }

  private charAt(pos: number): string | undefined {
    if (pos >= this.input.length) return undefined;
    const cp = this.input.codePointAt(pos) ?? 0;
    return String.fromCodePoint(cp);
  }

  private hasLeftTrimMarker(pos: number): boolean {
    return this.input[pos] === '-' && isSpace(this.input[pos + 1]);
  }

  private atRightDelim(pos: number): { delim: boolean; trim: boolean } {
    if (isSpace(this.input[pos]) && this.input[pos + 1] === '-' && this.input.startsWith(RIGHT_DELIM, pos + 2)) {
      return { delim: true, trim: true };
    }
    return { delim: this.input.startsWith(RIGHT_DELIM, pos), trim: false };
  }

  private skipSpaces(pos: number): number {
    while (isSpace(this.input[pos])) pos++;
    return pos;
  }

  private lexText(): void {
    for (;;) {
      const start = this.pos;
      const delim = this.input.indexOf(LEFT_DELIM, start);
      if (delim < 0) {
        if (start < this.input.length) this.emit('text', start, this.input.length);
        this.pos = this.input.length;
        this.emit('eof', this.pos);
        return;
      }
      const trim = this.hasLeftTrimMarker(delim + LEFT_DELIM.length);
      let textEnd = delim;
      if (trim) while (textEnd > start && isSpace(this.input[textEnd - 1])) textEnd--;
      if (textEnd > start) this.emit('text', start, textEnd);
      this.pos = delim + LEFT_DELIM.length + (trim ? 2 : 0);
      if (this.input.startsWith(LEFT_COMMENT, this.pos)) {
        this.lexComment(delim);
        continue;
      }
      this.emit('leftDelim', delim, delim + LEFT_DELIM.length);
      this.parenDepth = 0;
      this.lexInsideAction(delim);
    }
  }

  private lexComment(delimPos: number): void {
    const close = this.input.indexOf(RIGHT_COMMENT, this.pos + LEFT_COMMENT.length);
    if (close < 0) throw new LexError('unclosed comment', delimPos);
    this.pos = close + RIGHT_COMMENT.length;
    const { delim, trim } = this.atRightDelim(this.pos);
    if (!delim) throw new LexError('comment ends before closing delimiter', delimPos);
    this.pos += (trim ? 2 : 0) + RIGHT_DELIM.length;
    if (trim) this.pos = this.skipSpaces(this.pos);
  }

  private lexInsideAction(actionStart: number): void {
    for (;;) {
      const { delim, trim } = this.atRightDelim(this.pos);
      if (delim) {
        if (this.parenDepth > 0) throw new LexError('unclosed left paren', this.pos);
        const delimPos = this.pos + (trim ? 2 : 0);
        this.emit('rightDelim', delimPos, delimPos + RIGHT_DELIM.length);
        this.pos = delimPos + RIGHT_DELIM.length;
        if (trim) this.pos = this.skipSpaces(this.pos);
        return;
      }
      const start = this.pos;
      const ch = this.charAt(start);
      if (ch === undefined) throw new LexError('unclosed action', actionStart);
      if (isSpace(ch)) {
        this.lexSpace();
        continue;
      }
      switch (ch) {
        case '=':
          this.pos++;
          this.emit('assign', start);
          continue;
        case ':':
          if (this.input[start + 1] !== '=') throw new LexError('expected :=', start);
          this.pos += 2;
          this.emit('declare', start);
          continue;
        case '|':
          this.pos++;
          this.emit('pipe', start);
          continue;
        case '"':
          this.lexQuote();
          continue;
        case '`':
          this.lexRawQuote();
          continue;
        case "'":
          this.lexChar();
          continue;
        case '$':
          this.lexFieldOrVariable('variable');
          continue;
        case '(':
          this.pos++;
          this.parenDepth++;
          this.emit('leftParen', start);
          continue;
        case ')':
          this.pos++;
          this.parenDepth--;
          this.emit('rightParen', start);
          if (this.parenDepth < 0) throw new LexError('unexpected right paren', start);
          continue;
        case '.': {
          const next = this.input[start + 1];
          if (next === undefined || next < '0' || next > '9') {
            this.lexFieldOrVariable('field');
            continue;
          }
          this.lexNumber();
          continue;
        }
        default:
          break;
      }
      if (ch === '+' || ch === '-' || (ch >= '0' && ch <= '9')) {
        this.lexNumber();
      } else if (isAlphaNumeric(ch)) {
        this.lexIdentifier();
      } else if (ch.charCodeAt(0) < 0x7f && ch.charCodeAt(0) >= 0x20) {
        this.pos++;
        this.emit('char', start);
      } else {
        throw new LexError(`unrecognized character in action: ${describeRune(ch)}`, start);
      }
    }
  }

  private lexSpace(): void {
    const start = this.pos;
    let end = start;
    while (isSpace(this.input[end])) end++;
    // The final space before "-}}" belongs to the trim marker, not to the argument list.
    if (this.input[end] === '-' && this.input.startsWith(RIGHT_DELIM, end + 1)) end--;
    this.pos = end;
    if (end > start) this.emit('space', start);
  }

  private atTerminator(pos: number): boolean {
    const ch = this.input[pos];
    if (ch === undefined || isSpace(ch)) return true;
    if ('.,|:()'.includes(ch)) return true;
    return this.input.startsWith(RIGHT_DELIM, pos);
  }

  private scanAlphaNumeric(): void {
    for (;;) {
      const ch = this.charAt(this.pos);
      if (!isAlphaNumeric(ch)) return;
      this.pos += ch?.length ?? 1;
    }
  }

  private badCharacter(): never {
    const ch = this.charAt(this.pos) ?? '';
    throw new LexError(`bad character ${describeRune(ch)}`, this.pos);
  }

  private lexFieldOrVariable(type: 'field' | 'variable'): void {
    const start = this.pos;
    this.pos++;
    if (this.atTerminator(this.pos)) {
      this.emit(type === 'variable' ? 'variable' : 'dot', start);
      return;
    }
    this.scanAlphaNumeric();
    if (!this.atTerminator(this.pos)) this.badCharacter();
    this.emit(type, start);
  }

  private lexIdentifier(): void {
    const start = this.pos;
    this.scanAlphaNumeric();
    if (!this.atTerminator(this.pos)) this.badCharacter();
    const word = this.input.slice(start, this.pos);
    if (KEYWORDS.has(word)) this.emit('keyword', start);
    else if (word === 'true' || word === 'false') this.emit('bool', start);
    else if (word === 'nil') this.emit('nil', start);
    else this.emit('identifier', start);
  }

  private accept(valid: string): boolean {
    const ch = this.input[this.pos];
    if (ch !== undefined && valid.includes(ch)) {
      this.pos++;
      return true;
    }
    return false;
  }

  private acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.charAt(this.pos))) {
      this.pos++;
      return false;
    }
    return true;
  }

  private lexNumber(): void {
    const start = this.pos;
    if (!this.scanNumber()) {
      throw new LexError(`bad number syntax: "${this.input.slice(start, this.pos)}"`, start);
    }
    const next = this.input[this.pos];
    if (next === '+' || next === '-') {
      // Go would lex "1+2i" as a complex constant; complex numbers have no JavaScript counterpart.
      this.scanNumber();
      throw new LexError(`bad number syntax: "${this.input.slice(start, this.pos)}"`, start);
    }
    this.emit('number', start);
  }

  private lexQuoted(quote: string, type: TokenType, unterminated: string, allowEscapes: boolean): void {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const ch = this.input[this.pos];
      if (ch === undefined || (allowEscapes && ch === '\n')) throw new LexError(unterminated, start);
      this.pos++;
      if (allowEscapes && ch === '\\') {
        const escaped = this.input[this.pos];
        if (escaped === undefined || escaped === '\n') throw new LexError(unterminated, start);
        this.pos++;
        continue;
      }
      if (ch === quote) break;
    }
    this.emit(type, start);
  }

  private lexQuote(): void {
    this.lexQuoted('"', 'string', 'unterminated quoted string', true);
  }

  private lexRawQuote(): void {
    this.lexQuoted('`', 'rawString', 'unterminated raw quoted string', false);
  }

  private lexChar(): void {
    this.lexQuoted("'", 'charConstant', 'unterminated character constant', true);
  }
}

/**
 * Splits template text into tokens. A lexical error becomes a final 'error' token so the parser reports
 * whichever problem comes first in the text, as Go's concurrent lexer/parser pair does.
 */
export function lex(input: string): Token[] {
  return new Lexer(input).run();
}
