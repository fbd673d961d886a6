import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateExecError, TemplateSyntaxError } from '../src/index.js';
import { render, throwsWith } from './helpers.js';

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
  assert.is(render('plain text', data), 'plain text');
  assert.is(render('kairos-{{ trunc 4 .MachineID }}', data), 'kairos-a1b2');
  assert.is(render('{{.Values.node.hostname}}', data), 'node-1');
  assert.is(render('{{ if eq .Values.os.name "ubuntu" }}apt{{ else }}other{{ end }}', data), 'apt');
});

s('missing keys print "<no value>" and chain through silently', () => {
  assert.is(render('{{ .Values.missing }}', data), '<no value>');
  assert.is(render('{{ .Values.missing.deeper.still }}', data), '<no value>');
  assert.is(render('{{ .anything }}', null), '<no value>');
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
  assert.is(render(pick, { n: 1 }), 'one');
  assert.is(render(pick, { n: 2 }), 'two');
  assert.is(render(pick, { n: 7 }), 'many');
  const truth = '{{ if . }}T{{ else }}F{{ end }}';
  const falsy = [0, '', false, null, [], {}, new Map()];
  const truthy = [1, -1, 'x', true, [0], { a: 0 }, 0.5];
  for (const v of falsy) assert.is(render(truth, v), 'F', JSON.stringify(v));
  for (const v of truthy) assert.is(render(truth, v), 'T', JSON.stringify(v));
});

s('with / else with rebinds dot', () => {
  assert.is(render('{{ with .Values.node }}{{ .hostname }}{{ end }}', data), 'node-1');
  assert.is(render('{{ with .Values.missing }}A{{ else }}B{{ end }}', data), 'B');
  assert.is(render('{{ with .a }}a{{ else with .b }}{{ . }}{{ end }}', { b: 'bee' }), 'bee');
});

s('range over lists, maps (sorted keys) and integers', () => {
  assert.is(render('{{ range .Values.list }}[{{ . }}]{{ end }}', data), '[x][y][z]');
  assert.is(render('{{ range $i, $v := .Values.list }}{{ $i }}={{ $v }};{{ end }}', data), '0=x;1=y;2=z;');
  assert.is(render('{{ range $k, $v := .Values.ports }}{{ $k }}:{{ $v }} {{ end }}', data), 'http:80 https:443 ');
  assert.is(render('{{ range $v := .Values.ports }}{{ $v }},{{ end }}', data), '80,443,');
  assert.is(render('{{ range .Values.empty }}x{{ else }}none{{ end }}', data), 'none');
  assert.is(render('{{ range .Values.missing }}x{{ else }}none{{ end }}', data), 'none');
  assert.is(render('{{ range 3 }}{{ . }}{{ end }}', {}), '012');
  const ordered = new Map([
    ['b', 2],
    ['a', 1],
  ]);
  assert.is(render('{{ range $k, $v := . }}{{ $k }}{{ $v }}{{ end }}', ordered), 'a1b2');
  throwsWith(() => render('{{ range "abc" }}{{ end }}', {}), TemplateExecError, "range can't iterate over abc");
});

s('break and continue', () => {
  const list = { l: [1, 2, 3, 4] };
  assert.is(render('{{ range .l }}{{ if eq . 3 }}{{ break }}{{ end }}{{ . }}{{ end }}', list), '12');
  assert.is(render('{{ range .l }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}', list), '134');
});

s('variables: declaration, assignment, scoping and $', () => {
  assert.is(render('{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', {}), '2');
  assert.is(render('{{ $x := "out" }}{{ range .l }}{{ $x := . }}{{ end }}{{ $x }}', { l: [1] }), 'out');
  assert.is(render('{{ $sum := 0 }}{{ range .l }}{{ $sum = add $sum . }}{{ end }}{{ $sum }}', { l: [1, 2, 3] }), '6');
  assert.is(render('{{ range .l }}{{ $.name }}{{ . }}{{ end }}', { name: 'n', l: [1, 2] }), 'n1n2');
});

s('pipelines pass the value as the last argument; parentheses group', () => {
  assert.is(render('{{ .MachineID | upper | trunc 3 }}', data), 'A1B');
  assert.is(render('{{ "world" | printf "%s-%s" "hello" }}', {}), 'hello-world');
  assert.is(render('{{ printf "%d" (add 1 (mul 2 3)) }}', {}), '7');
  assert.is(render('{{ (dict "a" (dict "b" "deep")).a.b }}', {}), 'deep');
});

s('literals: strings, raw strings, numbers, chars, bools', () => {
  assert.is(render('{{ "a\\tb" }}|{{ `raw\\t` }}', {}), 'a\tb|raw\\t');
  assert.is(render("{{ 0x1F }} {{ 0o17 }} {{ 1_000 }} {{ -2 }} {{ 1.5 }} {{ 2.0 }} {{ 'A' }}", {}), '31 15 1000 -2 1.5 2 65');
  assert.is(render('{{ true }} {{ false }}', {}), 'true false');
  assert.is(render('{{ "{{" }}not an action{{ "}}" }}', {}), '{{not an action}}');
});

s('trim markers and comments', () => {
  assert.is(render('a  {{- "b" -}}  c', {}), 'abc');
  assert.is(render('a {{/* hidden */}} b', {}), 'a  b');
  assert.is(render('a\n{{- /* hidden */ -}}\nb', {}), 'ab');
  assert.is(render('{{ range .l -}}\n  {{ . }}\n{{- end }}', { l: [1, 2] }), '12');
});

s('define, template and block', () => {
  assert.is(render('{{ define "greet" }}hi {{ . }}{{ end }}{{ template "greet" "bob" }}', {}), 'hi bob');
  assert.is(render('{{ define "n" }}{{ .name }}{{ end }}{{ template "n" .Values.node }}', { Values: { node: { name: 'x' } } }), 'x');
  assert.is(render('{{ define "none" }}[{{ . }}]{{ end }}{{ template "none" }}', {}), '[<no value>]');
  assert.is(render('{{ block "b" .v }}default {{ . }}{{ end }}', { v: 5 }), 'default 5');
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
  assert.is(render('{{ .m }}', { m: { b: 2, a: 'x' } }), 'map[a:x b:2]');
  assert.is(render('{{ .l }}', { l: ['a', 1, null, [true]] }), '[a 1 <nil> [true]]');
  assert.is(render('{{ .f }}', { f: 0.1 + 0.2 }), '0.30000000000000004');
  assert.is(render('{{ .f }}', { f: 1234567.5 }), '1.2345675e+06');
  assert.is(render('{{ .big }}', { big: 1e21 }), '1e+21');
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
  assert.is(render('{{ .Label }} {{ .Greet "you" }}', node), 'N1 n1 greets you');
  assert.is(render('{{ "pipe" | .Greet }}', node), 'n1 greets pipe');
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
