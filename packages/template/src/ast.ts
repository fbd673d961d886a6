// Parse tree shapes; `pos`/`end` are offsets into the template text so errors can quote the source.

interface Span {
  pos: number;
  end: number;
}

export interface FieldNode extends Span {
  type: 'field';
  ident: string[];
}

export interface VariableNode extends Span {
  type: 'variable';
  /** ident[0] is the variable name including `$`; the rest are field names. */
  ident: string[];
}

export interface IdentifierNode extends Span {
  type: 'identifier';
  name: string;
}

export interface ChainNode extends Span {
  type: 'chain';
  node: ArgNode;
  field: string[];
}

export interface DotNode extends Span {
  type: 'dot';
}

export interface NilNode extends Span {
  type: 'nil';
}

export interface BoolNode extends Span {
  type: 'bool';
  value: boolean;
}

export interface NumberNode extends Span {
  type: 'number';
  value: number;
  isInt: boolean;
}

export interface StringNode extends Span {
  type: 'string';
  value: string;
}

export interface PipeNode extends Span {
  type: 'pipe';
  decl: VariableNode[];
  isAssign: boolean;
  cmds: CommandNode[];
}

export type ArgNode =
  | FieldNode
  | VariableNode
  | IdentifierNode
  | ChainNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export interface CommandNode extends Span {
  type: 'command';
  args: ArgNode[];
}

export interface TextNode extends Span {
  type: 'text';
  text: string;
}

export interface ActionNode extends Span {
  type: 'action';
  pipe: PipeNode;
}

export interface BranchNode extends Span {
  type: 'if' | 'with' | 'range';
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | undefined;
}

export interface TemplateNode extends Span {
  type: 'template';
  name: string;
  pipe: PipeNode | undefined;
}

export interface LoopControlNode extends Span {
  type: 'break' | 'continue';
}

export type Node = TextNode | ActionNode | BranchNode | TemplateNode | LoopControlNode;

export interface ListNode {
  type: 'list';
  nodes: Node[];
}

export interface ParsedTemplate {
  text: string;
  root: ListNode;
  /** Templates introduced by define/block, looked up by {{template "name"}}. */
  templates: Map<string, ListNode>;
}

/** Nodes whose source text can be quoted in an error message. */
export type SpanNode = Node | ArgNode | CommandNode;
