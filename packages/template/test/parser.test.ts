import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ActionNode, BranchNode, TemplateNode } from '../src/ast.js';
import { TemplateSyntaxError } from '../src/errors.js';
import { hasFunction } from '../src/functions/registry.js';
import { parse } from '../src/parser.js';
import { parseTemplate } from '../src/index.js';

const s = suite('parser');

function syntaxError(text: string): TemplateSyntaxError {
  try {
    parse(text, hasFunction);
  } catch (err) {
    if (err instanceof TemplateSyntaxError) return err;
    throw err;
  }
  throw new Error(`expected a syntax error for ${text}`);
}

s('builds actions with pipelines and commands', () => {
  const tree = parse('{{ .a.b | printf "%s" }}', hasFunction);
  const action = tree.root.nodes[0] as ActionNode;
  assert.is(action.type, 'action');
  assert.is(action.pipe.cmds.length, 2);
  assert.equal(action.pipe.cmds[0]?.args[0], { type: 'field', ident: ['a', 'b'], pos: 3, end: 7 });
  assert.is(action.pipe.cmds[1]?.args[0]?.type, 'identifier');
});

s('declarations, chains and parenthesised pipelines', () => {
  const tree = parse('{{ $x := (list 1).y }}{{ $x.z }}', hasFunction);
  const decl = tree.root.nodes[0] as ActionNode;
  assert.equal(
    decl.pipe.decl.map((v) => v.ident),
    [['$x']],
  );
  const chain = decl.pipe.cmds[0]?.args[0];
  assert.is(chain?.type, 'chain');
  const use = tree.root.nodes[1] as ActionNode;
  assert.equal(use.pipe.cmds[0]?.args[0]?.type === 'variable' && use.pipe.cmds[0].args[0].ident, ['$x', 'z']);
});

s('else-if chains nest an if inside the else list', () => {
  const tree = parse('{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}', hasFunction);
  const outer = tree.root.nodes[0] as BranchNode;
  assert.is(outer.type, 'if');
  const inner = outer.elseList?.nodes[0] as BranchNode;
  assert.is(inner.type, 'if');
  assert.is(inner.elseList?.nodes[0]?.type, 'text');
});

s('define and block register named templates', () => {
  const tree = parse('{{ define "x" }}X{{ end }}{{ block "y" . }}Y{{ end }}', hasFunction);
  assert.equal([...tree.templates.keys()].sort(), ['x', 'y']);
  const call = tree.root.nodes[0] as TemplateNode;
  assert.is(call.type, 'template');
  assert.is(call.name, 'y');
  // An empty redefinition keeps the first body instead of failing.
  const kept = parse('{{ define "x" }}X{{ end }}{{ define "x" }} {{ end }}', hasFunction);
  assert.is(kept.templates.get('x')?.nodes.length, 1);
});

s('range with two variables and break/continue', () => {
  const tree = parse('{{ range $i, $v := . }}{{ if $i }}{{ break }}{{ end }}{{ continue }}{{ end }}', hasFunction);
  const range = tree.root.nodes[0] as BranchNode;
  assert.equal(
    range.pipe.decl.map((d) => d.ident[0]),
    ['$i', '$v'],
  );
  assert.is(range.list.nodes[1]?.type, 'continue');
});

s('syntax errors carry 1-based line and column', () => {
  const err = syntaxError('line one\nline {{ .two | nope }}');
  assert.is(err.line, 2);
  assert.is(err.column, 16);
  assert.match(err.message, 'function "nope" not defined');
  const unclosed = syntaxError('ok\n\n  {{ if .x }}');
  assert.is(unclosed.line, 3);
  assert.match(unclosed.message, 'unexpected EOF');
});

s('Go parse-time checks', () => {
  const cases: Array<[string, string]> = [
    ['{{ $nope }}', 'undefined variable "$nope"'],
    ['{{ end }}', 'unexpected {{end}}'],
    ['{{ else }}', 'unexpected {{else}}'],
    ['{{ break }}', '{{break}} outside {{range}}'],
    ['{{ if }}{{ end }}', 'missing value for if'],
    ['{{ 1 | 2 }}', 'non executable command in pipeline stage 2'],
    ['{{ "a".b }}', 'unexpected . after term'],
    ['{{ $a, $b := 1 }}', 'too many declarations in command'],
    ['{{ template .x }}', 'unexpected ".x" in template clause'],
    ['{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}', 'multiple definition of template "a"'],
    ['{{ range . }}{{ else if . }}{{ end }}', 'unexpected <if> in input'],
    ['{{ "a""b" }}', 'unexpected "\\"b\\"" in operand'],
    ['{{ 1e }}', 'illegal number syntax'],
    ['{{ "\\q" }}', 'invalid syntax'],
  ];
  for (const [text, message] of cases) assert.match(syntaxError(text).message, message, text);
});

s('variables declared inside a control structure go out of scope at its end', () => {
  assert.ok(syntaxError('{{ if true }}{{ $v := 1 }}{{ end }}{{ $v }}').message.includes('undefined variable'));
  assert.not.throws(() => parseTemplate('{{ $v := 1 }}{{ if true }}{{ $v }}{{ end }}{{ $v }}'));
});

s.run();
