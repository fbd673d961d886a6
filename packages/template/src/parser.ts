// Recursive-descent parser mirroring text/template/parse/parse.go, including its error messages.
import type { ArgNode, BranchNode, CommandNode, ListNode, Node, ParsedTemplate, PipeNode, TemplateNode, VariableNode } from './ast.js';
import { TemplateSyntaxError } from './errors.js';
import { lex } from './lexer.js';
import type { Token, TokenType } from './lexer.js';
import { parseCharConstant, parseNumberLiteral, unquoteGo } from './literals.js';
import { positionOf } from './position.js';
import { quoteGo } from './quote.js';

/** Markers returned by itemList for {{end}} and {{else}}; they never reach the final tree. */
interface Terminator {
  type: 'end' | 'else';
  pos: number;
}

type ParsedItem = Node | Terminator;

function isTerminator(item: ParsedItem): item is Terminator {
  return item.type === 'end' || item.type === 'else';
}

const OPERAND_START: ReadonlySet<TokenType> = new Set<TokenType>([
  'bool',
  'charConstant',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawString',
  'string',
  'variable',
  'leftParen',
]);

function describeToken(token: Token): string {
  if (token.type === 'eof') return 'EOF';
  if (token.type === 'error') return token.value;
  if (token.type === 'keyword') return `<${token.value}>`;
  const chars = [...token.value];
  if (chars.length > 10) return `${quoteGo(chars.slice(0, 10).join(''))}...`;
  return quoteGo(token.value);
}

function describeTerminator(t: Terminator): string {
  return `{{${t.type}}}`;
}

function isEmptyList(list: ListNode): boolean {
  return list.nodes.every((n) => n.type === 'text' && n.text.trim() === '');
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private lastPos = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private readonly templates = new Map<string, ListNode>();

  constructor(
    private readonly text: string,
    private readonly hasFunction: (name: string) => boolean,
  ) {
    this.tokens = lex(text);
  }

  parse(): ParsedTemplate {
    const root: ListNode = { type: 'list', nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const mark = this.index;
        this.next();
        const word = this.nextNonSpace();
        if (word.type === 'keyword' && word.value === 'define') {
          this.parseDefinition();
          continue;
        }
        this.index = mark;
      }
      const item = this.textOrAction();
      if (isTerminator(item)) this.fail(`unexpected ${describeTerminator(item)}`, item.pos);
      root.nodes.push(item);
    }
    return { text: this.text, root, templates: this.templates };
  }

  // ---- token stream -------------------------------------------------------

  private fail(message: string, pos = this.lastPos): never {
    const { line, column } = positionOf(this.text, pos);
    throw new TemplateSyntaxError(message, line, column);
  }

  private current(): Token {
    // Reading past EOF keeps returning EOF; the index still moves so backup() stays symmetric.
    const token = this.tokens[Math.min(this.index, this.tokens.length - 1)];
    if (!token) return { type: 'eof', value: '', pos: this.text.length };
    if (token.type === 'error') this.fail(token.value, token.pos);
    return token;
  }

  private next(): Token {
    const token = this.current();
    this.index++;
    this.lastPos = token.pos;
    return token;
  }

  private backup(): void {
    this.index--;
  }

  private peek(): Token {
    return this.current();
  }

  private nextNonSpace(): Token {
    let token = this.next();
    while (token.type === 'space') token = this.next();
    return token;
  }

  private peekNonSpace(): Token {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  private expect(type: TokenType, context: string): Token {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Token, context: string): never {
    if (token.type === 'error') this.fail(token.value, token.pos);
    this.fail(`unexpected ${describeToken(token)} in ${context}`, token.pos);
  }

  private isKeyword(token: Token, word: string): boolean {
    return token.type === 'keyword' && token.value === word;
  }

  // ---- templates ----------------------------------------------------------

  private addTemplate(name: string, list: ListNode, pos: number): void {
    const existing = this.templates.get(name);
    if (existing && !isEmptyList(existing)) {
      if (!isEmptyList(list)) this.fail(`template: multiple definition of template "${name}"`, pos);
      return;
    }
    this.templates.set(name, list);
  }

  /** Bodies of define/block are separate trees in Go: they see only `$` and no enclosing range. */
  private parseSeparateTree(context: string): ListNode {
    const savedVars = this.vars;
    const savedDepth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    try {
      const [list, end] = this.itemList();
      if (end.type !== 'end') this.fail(`unexpected ${describeTerminator(end)} in ${context}`, end.pos);
      return list;
    } finally {
      this.vars = savedVars;
      this.rangeDepth = savedDepth;
    }
  }

  private parseTemplateName(token: Token, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    const name = unquoteGo(token.value);
    if (name === undefined) this.fail('invalid syntax', token.pos);
    return name;
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    this.expect('rightDelim', context);
    const list = this.parseSeparateTree(context);
    this.addTemplate(name, list, token.pos);
  }

  // ---- lists and actions -------------------------------------------------

  private itemList(): [ListNode, Terminator] {
    const list: ListNode = { type: 'list', nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const item = this.textOrAction();
      if (isTerminator(item)) return [list, item];
      list.nodes.push(item);
    }
    this.fail('unexpected EOF', this.peek().pos);
  }

  private textOrAction(): ParsedItem {
    const token = this.nextNonSpace();
    if (token.type === 'text') {
      return { type: 'text', text: token.value, pos: token.pos, end: token.pos + token.value.length };
    }
    if (token.type === 'leftDelim') return this.action();
    this.unexpected(token, 'input');
  }

  private action(): ParsedItem {
    const token = this.nextNonSpace();
    if (token.type === 'keyword') {
      switch (token.value) {
        case 'block':
          return this.blockControl();
        case 'break':
        case 'continue':
          return this.loopControl(token);
        case 'else':
          return this.elseControl(token.pos);
        case 'end':
          this.expect('rightDelim', 'end');
          return { type: 'end', pos: token.pos };
        case 'if':
        case 'range':
        case 'with':
          return this.branchControl(token.value, token.pos);
        case 'template':
          return this.templateControl();
        default:
          // `define` is only legal at the top level, handled in parse().
          this.unexpected(token, 'command');
      }
    }
    this.backup();
    const start = this.peek().pos;
    const pipe = this.pipeline('command', 'rightDelim');
    return { type: 'action', pipe, pos: start, end: pipe.end };
  }

  private loopControl(token: Token): Node {
    const word = token.value as 'break' | 'continue';
    const next = this.nextNonSpace();
    if (next.type !== 'rightDelim') this.unexpected(next, `{{${word}}}`);
    if (this.rangeDepth === 0) this.fail(`{{${word}}} outside {{range}}`, token.pos);
    return { type: word, pos: token.pos, end: token.pos + word.length };
  }

  private elseControl(pos: number): Terminator {
    const peek = this.peekNonSpace();
    // "else if"/"else with" leave the keyword pending; branchControl nests it as the else list.
    if (this.isKeyword(peek, 'if') || this.isKeyword(peek, 'with')) return { type: 'else', pos };
    this.expect('rightDelim', 'else');
    return { type: 'else', pos };
  }

  private branchControl(context: 'if' | 'range' | 'with', pos: number): BranchNode {
    const savedVars = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const [list, terminator] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (terminator.type === 'else') {
        const peek = this.peek();
        if ((context === 'if' || context === 'with') && this.isKeyword(peek, context)) {
          this.next();
          elseList = { type: 'list', nodes: [this.branchControl(context, peek.pos)] };
        } else {
          const [rest, end] = this.itemList();
          if (end.type !== 'end') this.fail(`expected end; found ${describeTerminator(end)}`, end.pos);
          elseList = rest;
        }
      }
      return { type: context, pipe, list, elseList, pos, end: pipe.end };
    } finally {
      this.vars.length = savedVars;
    }
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', name, pipe, pos: token.pos, end: pipe?.end ?? token.pos + token.value.length };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const list = this.parseSeparateTree(context);
    this.addTemplate(name, list, token.pos);
    return { type: 'template', name, pipe, pos: token.pos, end: pipe.end };
  }

  // ---- pipelines ----------------------------------------------------------

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const pipe: PipeNode = { type: 'pipe', decl: [], isAssign: false, cmds: [], pos: this.peekNonSpace().pos, end: 0 };
    this.parseDeclarations(pipe, context);
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        pipe.end = end === 'rightParen' ? token.pos + 1 : (pipe.cmds[pipe.cmds.length - 1]?.end ?? token.pos);
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!OPERAND_START.has(token.type)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private parseDeclarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const variable = this.peekNonSpace();
      if (variable.type !== 'variable') return;
      this.next();
      const afterVariable = this.index;
      const next = this.peekNonSpace();
      const node: VariableNode = {
        type: 'variable',
        ident: [variable.value],
        pos: variable.pos,
        end: variable.pos + variable.value.length,
      };
      if (next.type === 'declare' || next.type === 'assign') {
        this.nextNonSpace();
        pipe.isAssign = next.type === 'assign';
        pipe.decl.push(node);
        this.vars.push(variable.value);
        return;
      }
      if (next.type === 'char' && next.value === ',') {
        this.nextNonSpace();
        pipe.decl.push(node);
        this.vars.push(variable.value);
        if (context === 'range' && pipe.decl.length < 2) {
          const following = this.peekNonSpace();
          if (following.type === 'variable' || following.type === 'rightDelim' || following.type === 'rightParen') {
            continue;
          }
          this.fail('range can only initialize variables', following.pos);
        }
        this.fail(`too many declarations in ${context}`, next.pos);
      }
      // Not a declaration: "$x" is the first operand, so rewind to it.
      this.index = afterVariable - 1;
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((cmd, i) => {
      const first = cmd.args[0];
      if (first && ['bool', 'dot', 'nil', 'number', 'string'].includes(first.type)) {
        this.fail(`non executable command in pipeline stage ${i + 2}`, first.pos);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', args: [], pos: this.peekNonSpace().pos, end: 0 };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    const last = cmd.args[cmd.args.length - 1];
    if (!last) this.fail('empty command');
    cmd.end = last.end;
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().type !== 'field') return node;
    const fields: string[] = [];
    let end = node.end;
    while (this.peek().type === 'field') {
      const field = this.next();
      fields.push(field.value.slice(1));
      end = field.pos + field.value.length;
    }
    switch (node.type) {
      case 'field':
      case 'variable':
        return { ...node, ident: [...node.ident, ...fields], end };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.fail(`unexpected . after term "${this.text.slice(node.pos, node.end)}"`, node.pos);
      default:
        return { type: 'chain', node, field: fields, pos: node.pos, end };
    }
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    const pos = token.pos;
    const end = token.pos + token.value.length;
    switch (token.type) {
      case 'identifier':
        if (!this.hasFunction(token.value)) this.fail(`function "${token.value}" not defined`, pos);
        return { type: 'identifier', name: token.value, pos, end };
      case 'dot':
        return { type: 'dot', pos, end };
      case 'nil':
        return { type: 'nil', pos, end };
      case 'variable':
        if (!this.vars.includes(token.value)) this.fail(`undefined variable "${token.value}"`, pos);
        return { type: 'variable', ident: [token.value], pos, end };
      case 'field':
        return { type: 'field', ident: [token.value.slice(1)], pos, end };
      case 'bool':
        return { type: 'bool', value: token.value === 'true', pos, end };
      case 'charConstant': {
        const value = parseCharConstant(token.value);
        if (value === undefined) this.fail(`malformed character constant: ${token.value}`, pos);
        return { type: 'number', value, isInt: true, pos, end };
      }
      case 'number': {
        const parsed = parseNumberLiteral(token.value);
        if (typeof parsed === 'string') this.fail(parsed, pos);
        return { type: 'number', value: parsed.value, isInt: parsed.isInt, pos, end };
      }
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        pipe.pos = pos;
        return pipe;
      }
      case 'string':
      case 'rawString': {
        const value = unquoteGo(token.value);
        if (value === undefined) this.fail('invalid syntax', pos);
        return { type: 'string', value, pos, end };
      }
      default:
        this.backup();
        return undefined;
    }
  }
}

/** Parses template text into a tree; `hasFunction` decides which identifiers are callable, as Go checks at parse time. */
export function parse(text: string, hasFunction: (name: string) => boolean): ParsedTemplate {
  return new Parser(text, hasFunction).parse();
}
