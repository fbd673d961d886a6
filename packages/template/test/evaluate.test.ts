import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateExecError, TemplateSyntaxError } from '../src/index.js';
import { render, rendersAs, throwsWith } from './helpers.js';

const s = suite('evaluate');

const data = {
  MachineID: 'a1b2c3d4e5',
  Values: {
    node: { hostname: 'node-1' },
    os: { name: 'ubuntu', version: '22.04' },
    list: ['x', 'y', 'z'],
    ports: { https: 443, http: 80 },
    empty: [],
    nothing: null,
  },
};

s('text, fields and the yip examples', () => {
  rendersAs([
    ['plain text', 'plain text', data],
    ['kairos-{{ trunc 4 .MachineID }}', 'kairos-a1b2', data],
    ['{{.Values.node.hostname}}', 'node-1', data],
    ['{{ if eq .Values.os.name "ubuntu" }}apt{{ else }}other{{ end }}', 'apt', data],
  ]);
});

s('missing keys print "<no value>" and chain through silently', () => {
  rendersAs([
    ['{{ .Values.missing }}', '<no value>', data],
    ['{{ .Values.missing.deeper.still }}', '<no value>', data],
    ['{{ .anything }}', '<no value>', null],
  ]);
  // A key that exists with a null value is a nil interface: reading through it is an error in Go.
  throwsWith(() => render('{{ .Values.nothing.x }}', data), TemplateExecError, 'nil pointer evaluating interface {}.x');
});

s('missingKey option', () => {
  assert.is(render('{{ .nope }}', {}, { missingKey: 'zero' }), '<no value>');
  throwsWith(() => render('{{ .nope.x }}', {}, { missingKey: 'zero' }), TemplateExecError, 'nil pointer');
  throwsWith(() => render('{{ .nope }}', {}, { missingKey: 'error' }), TemplateExecError, 'map has no entry for key "nope"');
  assert.is(render('{{ .yes }}', { yes: 1 }, { missingKey: 'error' }), '1');
});

s('if / else if / else and Go truthiness', () => {
  const pick = '{{ if eq .n 1 }}one{{ else if eq .n 2 }}two{{ else }}many{{ end }}';
  rendersAs([
    [pick, 'one', { n: 1 }],
    [pick, 'two', { n: 2 }],
    [pick, 'many', { n: 7 }],
  ]);
  const truth = '{{ if . }}T{{ else }}F{{ end }}';
  const falsy = [0, '', false, null, [], {}, new Map()];
  const truthy = [1, -1, 'x', true, [0], { a: 0 }, 0.5];
  for (const v of falsy) assert.is(render(truth, v), 'F', JSON.stringify(v));
  for (const v of truthy) assert.is(render(truth, v), 'T', JSON.stringify(v));
});

s('with / else with rebinds dot', () => {
  rendersAs([
    ['{{ with .Values.node }}{{ .hostname }}{{ end }}', 'node-1', data],
    ['{{ with .Values.missing }}A{{ else }}B{{ end }}', 'B', data],
    ['{{ with .a }}a{{ else with .b }}{{ . }}{{ end }}', 'bee', { b: 'bee' }],
  ]);
});

s('range over lists, maps (sorted keys) and integers', () => {
  rendersAs([
    ['{{ range .Values.list }}[{{ . }}]{{ end }}', '[x][y][z]', data],
    ['{{ range $i, $v := .Values.list }}{{ $i }}={{ $v }};{{ end }}', '0=x;1=y;2=z;', data],
    ['{{ range $k, $v := .Values.ports }}{{ $k }}:{{ $v }} {{ end }}', 'http:80 https:443 ', data],
    ['{{ range $v := .Values.ports }}{{ $v }},{{ end }}', '80,443,', data],
    ['{{ range .Values.empty }}x{{ else }}none{{ end }}', 'none', data],
    ['{{ range .Values.missing }}x{{ else }}none{{ end }}', 'none', data],
    ['{{ range 3 }}{{ . }}{{ end }}', '012'],
  ]);
  const ordered = new Map([
    ['b', 2],
    ['a', 1],
  ]);
  assert.is(render('{{ range $k, $v := . }}{{ $k }}{{ $v }}{{ end }}', ordered), 'a1b2');
  throwsWith(() => render('{{ range "abc" }}{{ end }}', {}), TemplateExecError, "range can't iterate over abc");
});

s('break and continue', () => {
  const list = { l: [1, 2, 3, 4] };
  rendersAs([
    ['{{ range .l }}{{ if eq . 3 }}{{ break }}{{ end }}{{ . }}{{ end }}', '12', list],
    ['{{ range .l }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}', '134', list],
  ]);
});

s('variables: declaration, assignment, scoping and $', () => {
  rendersAs([
    ['{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', '2'],
    ['{{ $x := "out" }}{{ range .l }}{{ $x := . }}{{ end }}{{ $x }}', 'out', { l: [1] }],
    ['{{ $sum := 0 }}{{ range .l }}{{ $sum = add $sum . }}{{ end }}{{ $sum }}', '6', { l: [1, 2, 3] }],
    ['{{ range .l }}{{ $.name }}{{ . }}{{ end }}', 'n1n2', { name: 'n', l: [1, 2] }],
  ]);
});

s('pipelines pass the value as the last argument; parentheses group', () => {
  rendersAs([
    ['{{ .MachineID | upper | trunc 3 }}', 'A1B', data],
    ['{{ "world" | printf "%s-%s" "hello" }}', 'hello-world'],
    ['{{ printf "%d" (add 1 (mul 2 3)) }}', '7'],
    ['{{ (dict "a" (dict "b" "deep")).a.b }}', 'deep'],
  ]);
});

s('literals: strings, raw strings, numbers, chars, bools', () => {
  rendersAs([
    ['{{ "a\\tb" }}|{{ `raw\\t` }}', 'a\tb|raw\\t'],
    ["{{ 0x1F }} {{ 0o17 }} {{ 1_000 }} {{ -2 }} {{ 1.5 }} {{ 2.0 }} {{ 'A' }}", '31 15 1000 -2 1.5 2 65'],
    ['{{ true }} {{ false }}', 'true false'],
    ['{{ "{{" }}not an action{{ "}}" }}', '{{not an action}}'],
  ]);
});

s('trim markers and comments', () => {
  rendersAs([
    ['a  {{- "b" -}}  c', 'abc'],
    ['a {{/* hidden */}} b', 'a  b'],
    ['a\n{{- /* hidden */ -}}\nb', 'ab'],
    ['{{ range .l -}}\n  {{ . }}\n{{- end }}', '12', { l: [1, 2] }],
  ]);
});

s('define, template and block', () => {
  rendersAs([
    ['{{ define "greet" }}hi {{ . }}{{ end }}{{ template "greet" "bob" }}', 'hi bob'],
    ['{{ define "n" }}{{ .name }}{{ end }}{{ template "n" .Values.node }}', 'x', { Values: { node: { name: 'x' } } }],
    ['{{ define "none" }}[{{ . }}]{{ end }}{{ template "none" }}', '[<no value>]'],
    ['{{ block "b" .v }}default {{ . }}{{ end }}', 'default 5', { v: 5 }],
  ]);
  // As in a single Go Parse call, a block cannot be overridden by a non-empty define in the same text.
  throwsWith(
    () => render('{{ define "b" }}over{{ end }}{{ block "b" . }}default{{ end }}', {}),
    TemplateSyntaxError,
    'multiple definition of template "b"',
  );
  const recursive = '{{ define "count" }}{{ . }}{{ if gt . 0 }}{{ template "count" (sub . 1) }}{{ end }}{{ end }}{{ template "count" 3 }}';
  assert.is(render(recursive, {}), '3210');
  throwsWith(() => render('{{ template "missing" }}', {}), TemplateExecError, 'template "missing" not defined');
  throwsWith(
    () => render('{{ define "loop" }}{{ template "loop" }}{{ end }}{{ template "loop" }}', {}),
    TemplateExecError,
    'exceeded maximum template depth',
  );
});

s('printing follows Go: maps, lists, nil and nested values', () => {
  rendersAs([
    ['{{ .m }}', 'map[a:x b:2]', { m: { b: 2, a: 'x' } }],
    ['{{ .l }}', '[a 1 <nil> [true]]', { l: ['a', 1, null, [true]] }],
    ['{{ .f }}', '0.30000000000000004', { f: 0.1 + 0.2 }],
    ['{{ .f }}', '1.2345675e+06', { f: 1234567.5 }],
    ['{{ .big }}', '1e+21', { big: 1e21 }],
  ]);
});

s('class instances: getters and methods act like Go struct fields and methods', () => {
  class Node {
    constructor(readonly name: string) {}
    get Label(): string {
      return this.name.toUpperCase();
    }
    Greet(who: string): string {
      return `${this.name} greets ${who}`;
    }
  }
  const node = new Node('n1');
  rendersAs([
    ['{{ .Label }} {{ .Greet "you" }}', 'N1 n1 greets you', node],
    ['{{ "pipe" | .Greet }}', 'n1 greets pipe', node],
  ]);
  // A function stored in a plain map is a value, not a method.
  throwsWith(() => render('{{ .f 1 }}', { f: () => 1 }), TemplateExecError, 'f is not a method but has arguments');
});

s('type errors at execution time', () => {
  throwsWith(() => render('{{ upper .missing }}', {}), TemplateExecError, 'invalid value; expected string');
  throwsWith(() => render('{{ trunc .s "abc" }}', { s: 'x' }), TemplateExecError, 'expected int; got string');
  throwsWith(() => render('{{ trunc 1.5 "abc" }}', {}), TemplateExecError, 'expected integer; found 1.5');
  throwsWith(() => render('{{ .s.x }}', { s: 'str' }), TemplateExecError, "can't evaluate field x in type string");
  throwsWith(() => render('{{ nil }}', {}), TemplateExecError, 'nil is not a command');
  throwsWith(() => render('{{ trunc 1 }}', {}), TemplateExecError, 'wrong number of args for trunc: want 2 got 1');
  throwsWith(() => render('{{ "x" | .s }}', { s: 'y' }), TemplateExecError, 's is not a method but has arguments');
});

s.run();
