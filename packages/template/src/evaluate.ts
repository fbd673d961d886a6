// Executes a parsed template following text/template/exec.go: the same scoping of variables, the same
// handling of missing values and the same type checks on function arguments.
import type {
  ArgNode,
  BranchNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  Node,
  ParsedTemplate,
  PipeNode,
  SpanNode,
  TemplateNode,
  VariableNode,
} from './ast.js';
import { TemplateExecError } from './errors.js';
import { formatValue } from './fmt.js';
import type { FuncDef, ParamKind } from './functions/types.js';
import { activeLimits, LimitExceeded, TemplateLimitError, withLimits } from './limits.js';
import type { TemplateLimits } from './limits.js';
import { positionOf } from './position.js';
import { isIntLike, isMap, isNil, isPlainObject, isTrue, mapGet, sortedEntries, typeName } from './values.js';

export type MissingKeyMode = 'no-value' | 'zero' | 'error';

/** Marks "no value piped in", which differs from piping in a missing (undefined) value. */
const NO_FINAL: unique symbol = Symbol('no final argument');
type Final = unknown;

/** Template invocations nest at most this deep, so runaway recursion fails cleanly. */
export const MAX_TEMPLATE_DEPTH = 1000;

class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}
const BREAK = new LoopSignal('break');
const CONTINUE = new LoopSignal('continue');

interface Variable {
  name: string;
  value: unknown;
}

const GO_TYPE: Readonly<Record<ParamKind, string>> = {
  any: 'interface {}',
  value: 'reflect.Value',
  string: 'string',
  int: 'int',
  float: 'float64',
  bool: 'bool',
  map: 'map[string]interface {}',
};

const LITERAL_WORD: Readonly<Record<ParamKind, string>> = {
  any: 'interface',
  value: 'value',
  string: 'string',
  int: 'integer',
  float: 'float',
  bool: 'bool',
  map: 'map',
};

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

class State {
  private readonly out: string[] = [];
  private outLength = 0;
  private iterations = 0;
  private readonly limits = activeLimits();
  private vars: Variable[];
  private node: SpanNode | undefined;
  private depth = 0;
  private templateName: string | undefined;

  constructor(
    private readonly tpl: ParsedTemplate,
    private readonly funcs: ReadonlyMap<string, FuncDef>,
    private readonly missingKey: MissingKeyMode,
    data: unknown,
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  run(dot: unknown): string {
    this.walkList(dot, this.tpl.root);
    return this.out.join('');
  }

  // ---- errors -------------------------------------------------------------

  private at(node: SpanNode): void {
    this.node = node;
  }

  private source(node: SpanNode): string {
    if (node.type === 'action') return `{{${this.source(node.pipe)}}}`;
    if (node.type === 'if' || node.type === 'with' || node.type === 'range') return this.source(node.pipe);
    if (node.type === 'template') return `{{template ${this.tpl.text.slice(node.pos, node.end)}}}`;
    return this.tpl.text.slice(node.pos, node.end);
  }

  private fail(message: string, kind: typeof TemplateExecError = TemplateExecError): never {
    const node = this.node;
    const where = node ? positionOf(this.tpl.text, node.pos) : { line: 1, column: 1 };
    const name = this.templateName === undefined ? '' : ` "${this.templateName}"`;
    const context = node ? ` at <${this.source(node)}>` : '';
    throw new kind(`template: ${where.line}:${where.column}: executing${name}${context}: ${message}`);
  }

  // ---- limits -------------------------------------------------------------

  private emit(text: string): void {
    this.outLength += text.length;
    if (this.outLength > this.limits.maxOutputLength) {
      this.fail(`output exceeds the limit of ${this.limits.maxOutputLength} characters`, TemplateLimitError);
    }
    this.out.push(text);
  }

  private countIteration(): void {
    if (++this.iterations > this.limits.maxIterations) {
      this.fail(`range loops exceed the limit of ${this.limits.maxIterations} iterations`, TemplateLimitError);
    }
  }

  /** A function's result, refused when it is a string or list beyond the limits. */
  private bounded(name: string, result: unknown): unknown {
    if (typeof result === 'string' && result.length > this.limits.maxStringLength) {
      this.fail(`${name} made a ${result.length}-character string, beyond the limit of ${this.limits.maxStringLength}`, TemplateLimitError);
    }
    if (Array.isArray(result) && result.length > this.limits.maxListLength) {
      this.fail(`${name} made a ${result.length}-element list, beyond the limit of ${this.limits.maxListLength}`, TemplateLimitError);
    }
    return result;
  }

  // ---- variables ----------------------------------------------------------

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private push(name: string, value: unknown): void {
    this.vars.push({ name, value });
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const variable = this.vars[i];
      if (variable?.name === name) {
        variable.value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: unknown): void {
    const variable = this.vars[this.vars.length - n];
    if (variable) variable.value = value;
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const variable = this.vars[i];
      if (variable?.name === name) return variable.value;
    }
    return this.fail(`undefined variable: ${name}`);
  }

  // ---- statements ---------------------------------------------------------

  private walkList(dot: unknown, list: ListNode): void {
    for (const node of list.nodes) this.walk(dot, node);
  }

  private walk(dot: unknown, node: Node): void {
    switch (node.type) {
      case 'text':
        this.emit(node.text);
        return;
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, value);
        return;
      }
      case 'if':
      case 'with':
        this.walkIfOrWith(dot, node);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
    }
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): void {
    const mark = this.mark();
    try {
      const value = this.evalPipeline(dot, node.pipe);
      if (isTrue(value)) this.walkList(node.type === 'with' ? value : dot, node.list);
      else if (node.elseList) this.walkList(dot, node.elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: unknown, node: BranchNode): void {
    this.at(node);
    const mark = this.mark();
    try {
      const value = this.evalPipeline(dot, node.pipe);
      const iterationMark = this.mark();
      const decl = node.pipe.decl;
      const oneIteration = (index: unknown, elem: unknown): boolean => {
        if (decl.length > 0) {
          const [first, second] = decl;
          if (node.pipe.isAssign) {
            if (second) {
              this.setVar(first?.ident[0] ?? '', index);
              this.setVar(second.ident[0] ?? '', elem);
            } else {
              this.setVar(first?.ident[0] ?? '', elem);
            }
          } else {
            this.setTopVar(1, elem);
            if (second) this.setTopVar(2, index);
          }
        }
        this.countIteration();
        try {
          this.walkList(elem, node.list);
        } catch (err) {
          if (err === BREAK) return false;
          if (err !== CONTINUE) throw err;
        } finally {
          this.pop(iterationMark);
        }
        return true;
      };
      if (this.rangeOver(value, node, oneIteration)) return;
      if (node.elseList) this.walkList(dot, node.elseList);
    } finally {
      this.pop(mark);
    }
  }

  /** Runs the iterations; returns false when there was nothing to iterate, so the else branch runs. */
  private rangeOver(value: unknown, node: BranchNode, step: (index: unknown, elem: unknown) => boolean): boolean {
    if (isNil(value)) return false;
    if (Array.isArray(value) || value instanceof Uint8Array) {
      const items = [...value];
      if (items.length === 0) return false;
      for (let i = 0; i < items.length; i++) if (!step(i, items[i])) break;
      return true;
    }
    if (isIntLike(value)) {
      if (node.pipe.decl.length > 1) this.fail(`can't use ${formatValue(value)} to iterate over more than one variable`);
      if (value <= 0) return false;
      for (let i = 0; i < value; i++) if (!step(i, i)) break;
      return true;
    }
    if (isMap(value)) {
      const entries = sortedEntries(value);
      if (entries.length === 0) return false;
      for (const [key, elem] of entries) if (!step(key, elem)) break;
      return true;
    }
    return this.fail(`range can't iterate over ${formatValue(value)}`);
  }

  private walkTemplate(dot: unknown, node: TemplateNode): void {
    this.at(node);
    const body = this.tpl.templates.get(node.name);
    if (!body) this.fail(`template "${node.name}" not defined`);
    if (this.depth >= MAX_TEMPLATE_DEPTH) this.fail(`exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`);
    // Variables declared in the argument pipeline stay in the caller's scope, as in Go.
    const newDot = this.evalPipeline(dot, node.pipe);
    const saved = { vars: this.vars, name: this.templateName };
    this.vars = [{ name: '$', value: newDot }];
    this.templateName = node.name;
    this.depth++;
    try {
      this.walkList(newDot, body);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.templateName = saved.name;
    }
  }

  private printValue(node: Node, value: unknown): void {
    this.at(node);
    if (isNil(value)) {
      this.emit('<no value>');
      return;
    }
    if (typeof value === 'function') this.fail(`can't print ${this.source(node)} of type ${typeName(value)}`);
    this.emit(formatValue(value));
  }

  // ---- expressions --------------------------------------------------------

  private evalPipeline(dot: unknown, pipe: PipeNode | undefined): unknown {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: Final = NO_FINAL;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // Go unwraps interface values between stages, which turns a nil interface into "no value".
      if (value === null) value = undefined;
    }
    for (const variable of pipe.decl) {
      const name = variable.ident[0] ?? '';
      if (pipe.isAssign) this.setVar(name, value);
      else this.push(name, value);
    }
    return value;
  }

  private notAFunction(args: ArgNode[] | null, final: Final): void {
    const first = args?.[0];
    if (first && (args.length > 1 || final !== NO_FINAL)) {
      this.fail(`can't give argument to non-function ${this.source(first)}`);
    }
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    if (!first) return this.fail('empty command');
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
      default:
        break;
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
      case 'number':
      case 'string':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.fail('nil is not a command');
    }
  }

  private evalFieldNode(dot: unknown, field: FieldNode, args: ArgNode[] | null, final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: unknown, chain: ChainNode, args: ArgNode[] | null, final: Final): unknown {
    this.at(chain);
    if (chain.node.type === 'nil') this.fail(`indirection through explicit nil in ${this.source(chain)}`);
    const receiver = this.evalArg(dot, 'value', chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: unknown, variable: VariableNode, args: ArgNode[] | null, final: Final): unknown {
    this.at(variable);
    const value = this.varValue(variable.ident[0] ?? '$');
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: unknown, receiver: unknown, node: SpanNode, ident: string[], args: ArgNode[] | null, final: Final): unknown {
    let current = receiver;
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) current = this.evalField(dot, ident[i] ?? '', node, null, NO_FINAL, current);
    return this.evalField(dot, ident[n - 1] ?? '', node, args, final, current);
  }

  private evalField(dot: unknown, name: string, node: SpanNode, args: ArgNode[] | null, final: Final, receiver: unknown): unknown {
    if (receiver === undefined) {
      if (this.missingKey === 'error') this.fail(`nil data; no entry for key "${name}"`);
      return undefined;
    }
    if (receiver === null) this.fail(`nil pointer evaluating interface {}.${name}`);
    const hasArgs = (args !== null && args.length > 1) || final !== NO_FINAL;
    if (isMap(receiver)) {
      const found = mapGet(receiver, name);
      // Functions on class instances act as Go methods; on plain maps they are just values.
      const isObjectWithMethods = !isPlainObject(receiver) && !(receiver instanceof Map);
      if (isObjectWithMethods && found.found && typeof found.value === 'function') {
        return this.callMethod(dot, name, found.value, receiver, node, args, final);
      }
      if (hasArgs) this.fail(`${name} is not a method but has arguments`);
      if (found.found) return found.value;
      switch (this.missingKey) {
        case 'error':
          return this.fail(`map has no entry for key "${name}"`);
        case 'zero':
          // The zero value of interface{} is a nil interface, which still prints as "<no value>".
          return null;
        default:
          return undefined;
      }
    }
    return this.fail(`can't evaluate field ${name} in type ${typeName(receiver)}`);
  }

  private callMethod(
    dot: unknown,
    name: string,
    method: unknown,
    receiver: object,
    node: SpanNode,
    args: ArgNode[] | null,
    final: Final,
  ): unknown {
    const argv = (args ?? []).slice(1).map((arg) => this.evalArg(dot, 'any', arg));
    if (final !== NO_FINAL) argv.push(final === undefined ? null : final);
    this.at(node);
    try {
      return (method as (...a: unknown[]) => unknown).apply(receiver, argv);
    } catch (err) {
      if (err instanceof TemplateExecError) throw err;
      this.at(node);
      return this.fail(`error calling ${name}: ${errorMessage(err)}`);
    }
  }

  private evalFunction(dot: unknown, ident: IdentifierNode, cmd: SpanNode, args: ArgNode[] | null, final: Final): unknown {
    this.at(ident);
    const def = this.funcs.get(ident.name);
    if (!def) return this.fail(`"${ident.name}" is not a defined function`);
    return this.evalCall(dot, def, cmd, ident.name, args, final);
  }

  private evalCall(dot: unknown, def: FuncDef, node: SpanNode, name: string, args: ArgNode[] | null, final: Final): unknown {
    const argNodes = args ? args.slice(1) : [];
    const numIn = argNodes.length + (final !== NO_FINAL ? 1 : 0);
    const numFixed = def.params.length;
    if (def.variadic !== undefined) {
      if (numIn < numFixed) {
        this.fail(`wrong number of args for ${name}: want at least ${numFixed} got ${argNodes.length}`);
      }
    } else if (numIn !== numFixed) {
      this.fail(`wrong number of args for ${name}: want ${numFixed} got ${numIn}`);
    }

    if (def.lazy) {
      // and/or stop at the first decisive argument without evaluating the rest.
      let value: unknown;
      for (const arg of argNodes) {
        value = this.evalArg(dot, 'value', arg);
        if (isTrue(value) === (name === 'or')) return value;
      }
      if (final !== NO_FINAL) value = final;
      return value;
    }

    const argv: unknown[] = [];
    let i = 0;
    for (; i < numFixed && i < argNodes.length; i++) {
      argv.push(this.evalArg(dot, def.params[i] ?? 'any', argNodes[i] as ArgNode));
    }
    if (def.variadic !== undefined) {
      for (; i < argNodes.length; i++) argv.push(this.evalArg(dot, def.variadic, argNodes[i] as ArgNode));
    }
    if (final !== NO_FINAL) {
      const kind = def.variadic !== undefined && numIn - 1 >= numFixed ? def.variadic : (def.params[numIn - 1] ?? 'any');
      this.at(node);
      argv.push(this.validateType(final, kind));
    }
    this.at(node);
    let result: unknown;
    try {
      result = (def.fn as (...a: unknown[]) => unknown)(...argv);
    } catch (err) {
      if (err instanceof TemplateExecError) throw err;
      this.at(node);
      // A string too long for JavaScript at all is a limit too.
      const limit = err instanceof LimitExceeded || (err instanceof RangeError && /string length/i.test(err.message));
      return this.fail(`error calling ${name}: ${errorMessage(err)}`, limit ? TemplateLimitError : TemplateExecError);
    }
    this.at(node);
    return this.bounded(name, result);
  }

  private validateType(value: unknown, kind: ParamKind): unknown {
    switch (kind) {
      case 'value':
        return value;
      case 'any':
        return value === undefined ? null : value;
      case 'map':
        if (isNil(value)) return null;
        if (isMap(value)) return value;
        break;
      case 'string':
        if (typeof value === 'string') return value;
        break;
      case 'int':
        if (isIntLike(value)) return value;
        if (typeof value === 'bigint') return Number(value);
        break;
      case 'float':
        if (typeof value === 'number') return value;
        if (typeof value === 'bigint') return Number(value);
        break;
      case 'bool':
        if (typeof value === 'boolean') return value;
        break;
    }
    if (isNil(value)) return this.fail(`invalid value; expected ${GO_TYPE[kind]}`);
    return this.fail(`wrong type for value; expected ${GO_TYPE[kind]}; got ${typeName(value)}`);
  }

  private literalMismatch(kind: ParamKind, node: ArgNode): never {
    if (kind === 'map') this.fail(`can't handle ${this.source(node)} for arg of type ${GO_TYPE[kind]}`);
    return this.fail(`expected ${LITERAL_WORD[kind]}; found ${this.source(node)}`);
  }

  private evalArg(dot: unknown, kind: ParamKind, node: ArgNode): unknown {
    this.at(node);
    switch (node.type) {
      case 'dot':
        return this.validateType(dot, kind);
      case 'nil':
        if (kind === 'any' || kind === 'value' || kind === 'map') return null;
        return this.fail(`cannot assign nil to ${GO_TYPE[kind]}`);
      case 'field':
        return this.validateType(this.evalFieldNode(dot, node, [node], NO_FINAL), kind);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, node, null, NO_FINAL), kind);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, node), kind);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, node, node, null, NO_FINAL), kind);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, node, null, NO_FINAL), kind);
      case 'bool':
        if (kind === 'bool' || kind === 'any' || kind === 'value') return node.value;
        return this.literalMismatch(kind, node);
      case 'string':
        if (kind === 'string' || kind === 'any' || kind === 'value') return node.value;
        return this.literalMismatch(kind, node);
      case 'number':
        if (kind === 'int' && !node.isInt) return this.literalMismatch(kind, node);
        if (kind === 'int' || kind === 'float' || kind === 'any' || kind === 'value') return node.value;
        return this.literalMismatch(kind, node);
    }
  }
}

/** Renders a parsed template against data; throws TemplateExecError on any runtime problem. */
export function execute(
  tpl: ParsedTemplate,
  funcs: ReadonlyMap<string, FuncDef>,
  data: unknown,
  missingKey: MissingKeyMode,
  limits: TemplateLimits,
): string {
  // Top-level nil data behaves like Go's invalid reflect.Value: fields on it are simply missing.
  const dot = data === null ? undefined : data;
  try {
    return withLimits(limits, () => new State(tpl, funcs, missingKey, dot).run(dot));
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      throw new TemplateExecError(`template: exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`);
    }
    if (err instanceof LoopSignal) throw new TemplateExecError(`template: {{${err.kind}}} outside {{range}}`);
    throw err;
  }
}
