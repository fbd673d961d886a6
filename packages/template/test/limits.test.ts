/** Bounded evaluation: runaway templates stop at once with an error naming the limit and the position. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_TEMPLATE_LIMITS, TemplateLimitError } from '../src/index.js';
import { render, throwsWith } from './helpers.js';

const s = suite('template limits');

/** One runaway template: its text, and fragments of the limit error it must stop with. */
type Runaway = readonly [template: string, ...fragments: string[]];

/** Each template fails with a TemplateLimitError carrying its fragments, within 1.5 s; a failure names the template. */
function stopsFast(cases: readonly Runaway[]): void {
  for (const [template, ...fragments] of cases) {
    const started = performance.now();
    try {
      throwsWith(() => render(template), TemplateLimitError, ...fragments);
    } catch (error) {
      assert.unreachable(`${template}: ${(error as Error).message}`);
    }
    const ms = performance.now() - started;
    assert.ok(ms < 1500, `${template}: took ${ms} ms`);
  }
}

s('sequences: until, untilStep, seq beyond the list limit fail before any work', () => {
  stopsFast([
    ['{{ until 10000000 }}', 'template: 1:4: executing at <until 10000000>', '10000000 elements exceed the limit of 100000'],
    ['{{ range untilStep 0 100000000 1 }}{{ end }}', 'error calling untilStep'],
    ['x\n{{ seq 1 999999999 }}', 'template: 2:4:', 'error calling seq'],
  ]);
});

s('generated strings: rand*, repeat, indent beyond the string limit fail before any work', () => {
  stopsFast([
    ['{{ randAlphaNum 99999999 }}', 'a 99999999-character string exceeds the limit'],
    ['{{ repeat 99999999 "ab" }}', 'error calling repeat'],
    ['{{ "a\\nb" | indent 900000 }}', 'error calling indent'],
  ]);
});

s('a string doubled in a loop stops at the string limit', () => {
  stopsFast([
    [
      '{{ $s := "x" }}{{ range until 100 }}{{ $s = print $s $s }}{{ end }}{{ len $s }}',
      'print made a',
      'character string, beyond the limit',
    ],
  ]);
});

s('nested loops stop at the iteration limit; the output stops at the output limit', () => {
  stopsFast([
    ['{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}', 'range loops exceed the limit of 1000000 iterations'],
    [
      '{{ range until 90000 }}{{ repeat 1000 "x" }}{{ end }}',
      `output exceeds the limit of ${DEFAULT_TEMPLATE_LIMITS.maxOutputLength} characters`,
    ],
    ['{{ range 5000000 }}{{ end }}', 'range loops exceed'],
  ]);
});

s('limits can be set per execution; what stays within them renders as before', () => {
  assert.is(
    render('{{ until 3 }} {{ untilStep 10 0 -3 }} {{ seq 3 }}|{{ seq 5 3 }}|{{ seq 0 5 12 }}|{{ seq 3 1 1 }}'),
    '[0 1 2] [10 7 4 1] 1 2 3|5 4 3|0 5 10|',
  );
  assert.is(render('{{ randAlpha 10 | len }} {{ repeat 3 "ab" }}'), '10 ababab');
  throwsWith(
    () => render('{{ range until 11 }}.{{ end }}', {}, { limits: { maxIterations: 10 } }),
    TemplateLimitError,
    'limit of 10 iterations',
  );
  throwsWith(() => render('{{ repeat 3 "ab" }}', {}, { limits: { maxStringLength: 5 } }), TemplateLimitError, 'limit of 5');
  assert.is(render('{{ range until 10 }}.{{ end }}', {}, { limits: { maxIterations: 10 } }), '..........');
});

s.run();
