#!/usr/bin/env node
// yipts command line. Runs the bundle beside this file (yip.bundle.cjs), compiled through V8's
// code cache when yip.bundle.cjs.cache is there (made at build time): that saves start-up time,
// which matters for a program that runs several times per boot.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

// Parallel fsyncs of the files a step writes go through libuv's pool: give it room.
if (!process.env.UV_THREADPOOL_SIZE) process.env.UV_THREADPOOL_SIZE = '16';
const bundle = path.join(__dirname, 'yip.bundle.cjs');
const cacheFile = `${bundle}.cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// The bundle is written as a function of the module parameters (scripts/build.mjs): compiled as
// it is, without a second copy of its text.
const script = new vm.Script(fs.readFileSync(bundle, 'utf8'), { filename: bundle, cachedData });
if (process.env.YIPTS_WRITE_CODE_CACHE === '1') {
  process.once('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
}
// Code compiled by vm.Script cannot import() by itself; plugins named in an executor
// configuration are imported through this module, which can.
Object.defineProperty(globalThis, '__yiptsImport', { value: (url) => import(url) });
const bundleModule = new Module(bundle, module);
bundleModule.filename = bundle;
bundleModule.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext().call(bundleModule.exports, bundleModule.exports, Module.createRequire(bundle), bundleModule, bundle, __dirname);
