/**
 * The two YAML libraries, loaded on first use: a stage that no file mentions (at boot, most
 * stages for most files) reads no YAML at all, and evaluating them costs a few milliseconds of
 * every start. Synchronous, as the readers are: in the bundled CLI require() is there (the
 * bundler makes each a module evaluated on its first require); from TypeScript sources (ESM)
 * createRequire makes one. The names stay literal so that the bundler finds them.
 */
import { createRequire } from 'node:module';

type YamlLibrary = typeof import('yaml');
type JsYamlLibrary = typeof import('js-yaml');

let yaml: YamlLibrary | undefined;
let jsYaml: JsYamlLibrary | undefined;

/** The `yaml` library (the precise reader, with positions); also for plugins that read YAML. */
export function yamlLibrary(): YamlLibrary {
  yaml ??= (typeof require === 'function' ? require('yaml') : createRequire(import.meta.url)('yaml')) as YamlLibrary;
  return yaml;
}

/** js-yaml (the fast reader). */
export function jsYamlLibrary(): JsYamlLibrary {
  jsYaml ??= (typeof require === 'function' ? require('js-yaml') : createRequire(import.meta.url)('js-yaml')) as JsYamlLibrary;
  return jsYaml;
}
