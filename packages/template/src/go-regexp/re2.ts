// re2js is loaded on the first regexp, not at start-up: evaluating it costs several milliseconds,
// and most runs (and most templates) use no regexp at all. Loading is synchronous because
// template functions are. In the bundled CLI, esbuild turns the require() below into a lazily
// evaluated module; from TypeScript sources (ESM), createRequire resolves the package.
import { createRequire } from 'node:module';

type Re2Module = typeof import('re2js');

let loaded: Re2Module | undefined;

export function re2(): Re2Module {
  loaded ??= (typeof require === 'function' ? require('re2js') : createRequire(import.meta.url)('re2js')) as Re2Module;
  return loaded;
}
