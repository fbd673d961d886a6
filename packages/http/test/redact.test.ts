import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { redactText, redactUrl } from '../src/index.js';

const s = suite('redact');

s('the password of a URL becomes ***, the user stays', () => {
  assert.is(redactUrl('http://user:S3cret@host:8080/a?b=c'), 'http://user:***@host:8080/a?b=c');
  assert.is(redactUrl(new URL('https://u:p%40ss@h/x')), 'https://u:***@h/x');
  assert.is(redactUrl('https://:tok@h/'), 'https://:***@h/');
});

s('URLs without a password are unchanged, and redaction is idempotent', () => {
  for (const url of ['http://host/a@b', 'http://user@host/', 'http://host:8080/x', 'not a url', 'http://u:***@h/']) {
    assert.is(redactUrl(url), url);
  }
});

s('every URL inside a text is redacted', () => {
  const text = 'fetching http://a:one@h1/x failed; then https://b:two@h2/y: refused (see ftp://c:three@h3)';
  const out = redactText(text);
  for (const secret of ['one', 'two', 'three']) assert.not.ok(out.includes(secret), out);
  assert.is(out, 'fetching http://a:***@h1/x failed; then https://b:***@h2/y: refused (see ftp://c:***@h3)');
});

s.run();
