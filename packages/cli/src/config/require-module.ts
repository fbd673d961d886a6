/**
 * Loading a plugin or a JS configuration inside the single executable. Node gives the main
 * script of a single executable no import() (it fails with "A dynamic import callback was not
 * specified"), so modules are loaded with a require() made for the executable's path: CommonJS
 * modules, and ES modules without top-level await (Node 20.19 and later load those through
 * require()). An ES module with top-level await cannot be loaded that way: that is an error
 * naming the module and what to do, never a crash.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { types } from 'node:util';

export async function requireModule(url: string): Promise<Record<string, unknown>> {
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  let loaded: unknown;
  try {
    loaded = createRequire(process.execPath)(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_REQUIRE_ASYNC_MODULE') {
      const advice = 'build it without top-level await, or run yip with Node.js';
      throw new Error(`${path} uses top-level await, which the single executable cannot load; ${advice}`, { cause: error });
    }
    throw error;
  }
  if (types.isModuleNamespaceObject(loaded)) return loaded as Record<string, unknown>;
  const isObject = (typeof loaded === 'object' || typeof loaded === 'function') && loaded !== null;
  // An ES module compiled to CommonJS (TypeScript, Babel, esbuild) marks its exports as such.
  if (isObject && (loaded as { __esModule?: unknown }).__esModule === true) return loaded as Record<string, unknown>;
  // A CommonJS module, seen as import() would see it: module.exports is the default export.
  return { ...(isObject ? (loaded as Record<string, unknown>) : {}), default: loaded };
}
