import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { expandEnv } from '../src/functions/sprig-os.js';
import { TemplateExecError } from '../src/index.js';
import { render, rendersAs, throwsWith } from './helpers.js';

const s = suite('sprig env, path, reflect, semver, fail');

s('env and expandenv read the process environment', () => {
  process.env.YIPTS_TEST_VAR = 'value-1';
  delete process.env.YIPTS_TEST_UNSET;
  rendersAs([
    ['{{ env "YIPTS_TEST_VAR" }}|{{ env "YIPTS_TEST_UNSET" }}', 'value-1|'],
    ['{{ expandenv "a=$YIPTS_TEST_VAR b=${YIPTS_TEST_VAR}! c=$YIPTS_TEST_UNSET" }}', 'a=value-1 b=value-1! c='],
  ]);
  delete process.env.YIPTS_TEST_VAR;
});

s('os.Expand edge cases', () => {
  const lookup = (name: string): string => `<${name}>`;
  assert.is(expandEnv('$ at end $', lookup), '$ at end $');
  assert.is(expandEnv('${} and ${unterminated', lookup), ' and unterminated');
  assert.is(expandEnv('$1$@ $$', lookup), '<1><@> <$>');
  assert.is(expandEnv('x$-y', lookup), 'x<->y');
});

s('path helpers follow Go path semantics', () => {
  rendersAs([
    ['{{ base "/a/b.txt" }} {{ base "/a/b/" }} {{ base "" }} {{ base "/" }}', 'b.txt b . /'],
    ['{{ dir "/a/b/c" }} {{ dir "file" }} {{ dir "/x" }}', '/a/b . /'],
    ['{{ ext "a.tar.gz" }} {{ ext ".bashrc" }} {{ ext "a/b" }}', '.gz .bashrc '],
    ['{{ clean "a//b/../c/." }} {{ clean "/../x" }} {{ clean "" }}', 'a/c /x .'],
    ['{{ isAbs "/x" }} {{ isAbs "x" }}', 'true false'],
  ]);
});

s('typeOf, kindOf, typeIs, kindIs, deepEqual', () => {
  const d = { n: 1, f: 1.5, s: 'x', l: [1], m: { a: 1 } };
  assert.is(
    render('{{ typeOf .n }} {{ typeOf .f }} {{ typeOf .s }} {{ typeOf .l }} {{ typeOf .m }}', d),
    'int float64 string []interface {} map[string]interface {}',
  );
  rendersAs([
    ['{{ kindOf .l }} {{ kindOf .m }} {{ kindIs "string" .s }} {{ typeIs "int" .f }}', 'slice map true false', d],
    ['{{ deepEqual .l (list 1) }} {{ deepEqual .m (dict "a" 2) }}', 'true false', d],
  ]);
});

s('semverCompare supports the Masterminds constraint forms', () => {
  const cases: Array<[string, string, boolean]> = [
    ['>=1.2.0', '1.3.0', true],
    ['>=1.2.0', '1.1.9', false],
    ['^1.2.3', '1.9.0', true],
    ['^1.2.3', '2.0.0', false],
    ['~1.2.3', '1.2.9', true],
    ['~1.2.3', '1.3.0', false],
    ['1.2.x', '1.2.7', true],
    ['>1.2', '1.2.5', false],
    ['>1.2', '1.3.0', true],
    ['!=1.2.3', '1.2.4', true],
    ['<2.0.0, >1.0.0', '1.5.0', true],
    ['<1.0.0 || >=3.0.0', '2.0.0', false],
    ['1.2 - 1.4', '1.3.9', true],
    ['*', '0.0.1', true],
    ['>=1.0.0', '1.5.0-beta.1', false],
    ['>=1.5.0-alpha', '1.5.0-beta.1', true],
    ['=v1.2.3', 'v1.2.3', true],
  ];
  for (const [constraint, version, expected] of cases) {
    const out = render('{{ semverCompare .c .v }}', { c: constraint, v: version });
    assert.is(out, String(expected), `${constraint} vs ${version}`);
  }
  throwsWith(() => render('{{ semverCompare ">=1" "not-a-version" }}', {}), TemplateExecError, 'Invalid Semantic Version');
});

s('fail aborts with a TemplateExecError carrying the message', () => {
  const err = throwsWith(() => render('ok\n{{ if .bad }}{{ fail "bad config" }}{{ end }}', { bad: true }), TemplateExecError);
  assert.match(err.message, 'template: 2:');
  assert.match(err.message, 'error calling fail: bad config');
  assert.is(render('{{ if .bad }}{{ fail "bad config" }}{{ end }}ok', { bad: false }), 'ok');
});

s.run();
