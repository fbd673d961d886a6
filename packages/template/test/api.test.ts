import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LruCache } from '../src/cache.js';
import { TemplateExecError, TemplateSyntaxError, functionNames, hasTemplate, parseTemplate, renderTemplate } from '../src/index.js';

const s = suite('public api');

s('parseTemplate compiles once, executes many times', () => {
  const tpl = parseTemplate('hello {{ .name }}');
  assert.is(tpl.execute({ name: 'a' }), 'hello a');
  assert.is(tpl.execute({ name: 'b' }), 'hello b');
  assert.is(tpl.execute({}, { missingKey: 'no-value' }), 'hello <no value>');
  assert.throws(
    () => tpl.execute({}, { missingKey: 'error' }),
    (err: unknown) => err instanceof TemplateExecError,
  );
});

s('renderTemplate renders and keeps rendering correctly from its cache', () => {
  const text = '{{ .n | add1 }}';
  assert.is(renderTemplate(text, { n: 1 }), '2');
  assert.is(renderTemplate(text, { n: 41 }), '42');
  for (let i = 0; i < 300; i++) renderTemplate(`{{ ${i} }}`, {});
  assert.is(renderTemplate(text, { n: 9 }), '10');
  assert.is(renderTemplate('no actions at all', null), 'no actions at all');
});

s('syntax errors are TemplateSyntaxError with position, every time', () => {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      renderTemplate('a\nb\n  {{ .x }}{{ end }}', {});
      assert.unreachable('should have thrown');
    } catch (err) {
      assert.instance(err, TemplateSyntaxError);
      const syntax = err as TemplateSyntaxError;
      assert.is(syntax.line, 3);
      assert.is(syntax.column, 14);
      assert.match(syntax.message, 'unexpected {{end}}');
      assert.is(syntax.name, 'TemplateSyntaxError');
    }
  }
});

s('exec errors are TemplateExecError and not syntax errors', () => {
  try {
    renderTemplate('{{ fail "stop" }}', {});
    assert.unreachable('should have thrown');
  } catch (err) {
    assert.instance(err, TemplateExecError);
    assert.not.instance(err, TemplateSyntaxError);
    assert.is((err as Error).name, 'TemplateExecError');
  }
});

s('hasTemplate looks for an opening delimiter', () => {
  assert.ok(hasTemplate('x {{ .y }}'));
  assert.ok(hasTemplate('{{'));
  assert.not.ok(hasTemplate('plain { text }'));
  assert.not.ok(hasTemplate(''));
});

s('functionNames lists every callable function, sorted, and each one parses', () => {
  const required = [
    'and',
    'or',
    'not',
    'eq',
    'ne',
    'lt',
    'le',
    'gt',
    'ge',
    'len',
    'index',
    'slice',
    'print',
    'printf',
    'println',
    'html',
    'js',
    'urlquery',
    'call',
    'trunc',
    'trim',
    'trimAll',
    'trimPrefix',
    'trimSuffix',
    'upper',
    'lower',
    'title',
    'replace',
    'contains',
    'hasPrefix',
    'hasSuffix',
    'quote',
    'squote',
    'cat',
    'indent',
    'nindent',
    'repeat',
    'substr',
    'nospace',
    'split',
    'splitList',
    'join',
    'toString',
    'atoi',
    'int',
    'int64',
    'float64',
    'default',
    'empty',
    'coalesce',
    'ternary',
    'list',
    'dict',
    'get',
    'set',
    'hasKey',
    'keys',
    'values',
    'first',
    'last',
    'rest',
    'initial',
    'append',
    'prepend',
    'uniq',
    'has',
    'without',
    'add',
    'add1',
    'sub',
    'mul',
    'div',
    'mod',
    'max',
    'min',
    'b64enc',
    'b64dec',
    'sha256sum',
    'sha1sum',
    'md5sum',
    'uuidv4',
    'randAlphaNum',
    'randAlpha',
    'randNumeric',
    'now',
    'date',
    'toJson',
    'fromJson',
    'regexMatch',
    'regexFind',
    'regexReplaceAll',
    'env',
    'expandenv',
    'semverCompare',
    'fail',
  ];
  for (const name of required) assert.ok(functionNames.includes(name), name);
  assert.equal([...functionNames], [...functionNames].sort());
  assert.ok(Object.isFrozen(functionNames));
  for (const name of functionNames) assert.not.throws(() => parseTemplate(`{{ if false }}{{ ${name} }}{{ end }}`), name);
  assert.throws(
    () => parseTemplate('{{ notAFunction }}'),
    (err: unknown) => err instanceof TemplateSyntaxError,
  );
});

s('LruCache evicts the least recently used entry', () => {
  const cache = new LruCache<string, number>(2);
  cache.set('a', 1);
  cache.set('b', 2);
  assert.is(cache.get('a'), 1);
  cache.set('c', 3);
  assert.ok(cache.has('a'));
  assert.not.ok(cache.has('b'));
  assert.is(cache.size, 2);
  cache.clear();
  assert.is(cache.size, 0);
});

s.run();
