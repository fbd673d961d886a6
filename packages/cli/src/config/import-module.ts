/**
 * import() of plugins and JS configs. In the bundled CLI the code runs from a V8 code cache,
 * where import() is unavailable: the launcher provides an importer. The single executable has
 * no import() at all and loads modules through require() (see require-module.ts). Elsewhere
 * import() is used.
 */
import { isSea } from 'node:sea';
import { requireModule } from './require-module.js';

type Importer = (url: string) => Promise<Record<string, unknown>>;

export function importModule(url: string): Promise<Record<string, unknown>> {
  if (isSea()) return requireModule(url);
  const hook = (globalThis as { __yiptsImport?: Importer }).__yiptsImport;
  return hook ? hook(url) : (import(url) as Promise<Record<string, unknown>>);
}
