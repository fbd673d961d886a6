/**
 * Mutations of real configs: what editing mistakes, truncated downloads and hostile authors
 * produce. Each one changes the text of a corpus file in one way; several may be stacked.
 */
import type { Random } from './random.js';

type Mutation = (text: string, random: Random, corpus: readonly string[]) => string;

const lines = (text: string) => text.split('\n');

/** Hostile fragments: deep nesting, long strings, alias bombs, odd YAML. */
const FRAGMENTS: readonly string[] = [
  `${'['.repeat(3_000)}${']'.repeat(3_000)}`,
  `${'{a: '.repeat(400)}1${'}'.repeat(400)}`,
  `"${'x'.repeat(200_000)}"`,
  '&a [*a, *a]',
  '*missing',
  '<<: *missing',
  '{{ .Values.motd }}',
  '? [complex, key]\n  : value',
  '!!python/object:os.system',
  '- - - - - - - - - - - -',
  '\t\ttabbed: value',
  '%YAML 1.2\n---',
  '---\nsecond: document',
  '...',
  '"unterminated',
  "'single",
  '|-\n  block',
  '>+\n',
  '@reserved',
  '`backtick',
  '0o777',
  '0x1ff',
  '1_000',
  '12:30:45',
  'yes',
  '~',
  '\u0000',
  '\ufeff',
  '\u2028',
  '🙂',
];

const MUTATIONS: readonly Mutation[] = [
  // Delete, duplicate, swap or re-indent a line.
  (text, r) => {
    const l = lines(text);
    l.splice(r.int(l.length), 1);
    return l.join('\n');
  },
  (text, r) => {
    const l = lines(text);
    const i = r.int(l.length);
    l.splice(i, 0, l[i]!);
    return l.join('\n');
  },
  (text, r) => {
    const l = lines(text);
    const i = r.int(l.length);
    const j = r.int(l.length);
    [l[i], l[j]] = [l[j]!, l[i]!];
    return l.join('\n');
  },
  (text, r) => {
    const l = lines(text);
    const i = r.int(l.length);
    l[i] = r.chance(0.5) ? `${' '.repeat(1 + r.int(6))}${l[i]}` : l[i]!.replace(/^ {1,4}/, '');
    return l.join('\n');
  },
  // Truncate anywhere.
  (text, r) => text.slice(0, r.int(text.length + 1)),
  // Replace a value after a `key:` with a hostile fragment.
  (text, r) => {
    const l = lines(text);
    const candidates = l.map((line, i) => (/:\s*\S/.test(line) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) return text;
    const i = r.pick(candidates);
    l[i] = l[i]!.replace(/:\s*\S.*$/, `: ${r.pick(FRAGMENTS)}`);
    return l.join('\n');
  },
  // Insert a fragment or a random character at a random place.
  (text, r) => {
    const at = r.int(text.length + 1);
    return `${text.slice(0, at)}${r.pick(FRAGMENTS)}${text.slice(at)}`;
  },
  (text, r) => {
    const at = r.int(text.length + 1);
    const chars = ':-[]{}#&*!|>\'"%@`,? \t\n';
    return `${text.slice(0, at)}${chars[r.int(chars.length)]}${text.slice(at)}`;
  },
  // Splice the head of this file onto the tail of another one.
  (text, r, corpus) => {
    const other = r.pick(corpus);
    return `${text.slice(0, r.int(text.length + 1))}${other.slice(r.int(other.length + 1))}`;
  },
  // Repeat a block of lines many times (many steps, many duplicate names).
  (text, r) => {
    const l = lines(text);
    const i = r.int(l.length);
    const block = l.slice(i, i + 1 + r.int(4));
    const times = 10 + r.int(400);
    l.splice(i, 0, ...Array.from({ length: times }, () => block).flat());
    return l.join('\n');
  },
];

/** One to three mutations of `text`. */
export function mutate(text: string, random: Random, corpus: readonly string[]): string {
  let out = text;
  const times = 1 + random.int(3);
  for (let i = 0; i < times; i++) out = random.pick(MUTATIONS)(out, random, corpus);
  return out;
}
