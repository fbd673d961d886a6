/**
 * import() of plugins and JS configs. In the bundled CLI the code runs from a V8 code cache,
 * where import() is unavailable: the launcher provides an importer; elsewhere import() is used.
 */
type Importer = (url: string) => Promise<Record<string, unknown>>;

export function importModule(url: string): Promise<Record<string, unknown>> {
  const hook = (globalThis as { __yiptsImport?: Importer }).__yiptsImport;
  return hook ? hook(url) : (import(url) as Promise<Record<string, unknown>>);
}
