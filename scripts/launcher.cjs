#!/usr/bin/env node
// yipts command line, bundled. The bundle below is compiled through V8's code cache when
// `yip.cjs.cache` sits beside this file (made at build time), which saves start-up time.
'use strict';
const SOURCE = __BUNDLE_SOURCE__;
(function launch() {
  const fs = require('node:fs');
  const vm = require('node:vm');
  const Module = require('node:module');
  const cacheFile = `${__filename}.cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // Code compiled by vm.Script cannot import() by itself; plugins named in an executor
  // configuration are imported through this module, which can.
  Object.defineProperty(globalThis, '__yiptsImport', { value: (url) => import(url) });
  const script = new vm.Script(Module.wrap(SOURCE), { filename: __filename, cachedData });
  if (process.env.YIPTS_WRITE_CODE_CACHE === '1') {
    process.once('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
  }
  const run = script.runInThisContext();
  run.call(module.exports, module.exports, Module.createRequire(__filename), module, __filename, __dirname);
})();
