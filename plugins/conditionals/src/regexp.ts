/**
 * Go regexps (RE2) as JavaScript ones. The syntax real configs use is shared; Go's inline flags
 * `(?i)` at the start are turned into the JavaScript flag.
 */
export function goRegExp(pattern: string): RegExp {
  const m = /^\(\?([imsU]+)\)/.exec(pattern);
  if (!m) return new RegExp(pattern);
  const flags = [...new Set(m[1]!.replace('U', '').split(''))].join('');
  return new RegExp(pattern.slice(m[0].length), flags);
}

/** Unanchored match, as Go's MatchString; an invalid pattern is an error saying which. */
export function matches(pattern: string, value: string): boolean {
  let re: RegExp;
  try {
    re = goRegExp(pattern);
  } catch (error) {
    throw new Error(`invalid regular expression \`${pattern}\`: ${(error as Error).message}`);
  }
  return re.test(value);
}
