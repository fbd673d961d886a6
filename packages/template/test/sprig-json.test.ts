import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { marshalJson } from '../src/go-json.js';
import { TemplateExecError } from '../src/index.js';
import { render, rendersAs, throwsWith } from './helpers.js';

const s = suite('sprig json');

s('toJson sorts keys and escapes HTML like encoding/json', () => {
  rendersAs([
    ['{{ toJson . }}', '{"a":"\\u003c\\u0026\\u003e","b":[1,"x",null]}', { b: [1, 'x', null], a: '<&>' }],
    ['{{ toRawJson . }}', '{"a":"<&>"}', { a: '<&>' }],
    ['{{ dict "k" 1.5 | toJson }}', '{"k":1.5}'],
    ['{{ toJson .f }}', '', { f: () => 1 }],
  ]);
  throwsWith(() => render('{{ mustToJson .f }}', { f: () => 1 }), TemplateExecError, 'json: unsupported type');
});

s('toPrettyJson indents with two spaces', () => {
  assert.is(render('{{ toPrettyJson . }}', { a: [1], b: {}, c: [] }), '{\n  "a": [\n    1\n  ],\n  "b": {},\n  "c": []\n}');
});

s('fromJson parses objects and reports errors under "Error"', () => {
  rendersAs([
    ['{{ (fromJson .s).a.b }}', 'deep', { s: '{"a":{"b":"deep"}}' }],
    ['{{ $o := fromJson "[1]" }}{{ hasKey $o "Error" }}', 'true'],
    ['{{ $o := fromJson "{" }}{{ hasKey $o "Error" }}', 'true'],
    ['{{ toJson (fromJson .s) }}', '{"a":[true],"z":1}', { s: '{"z":1,"a":[true]}' }],
  ]);
});

s('marshalJson numbers and strings', () => {
  assert.is(marshalJson([1e21, 1e-7, 0.1, -0, 'tab\there', '\u2028']), '[1e+21,1e-7,0.1,0,"tab\\there","\\u2028"]');
  assert.throws(() => marshalJson(Number.NaN), /unsupported value/);
});

s.run();
