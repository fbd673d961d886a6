// Main script of the single executable (packages/cli/dist/yip). The bundle and the V8 code cache
// of its warm-up run are assets of the executable; this compiles the bundle with that cache,
// exactly as launcher.cjs does beside the bundle, so the executable starts as fast as the bundle.
// The bundle gets a require() made for the executable's path: the main script's own require()
// only knows Node's built-in modules, and plugins are loaded with require() (no import() here).
'use strict';
const sea = require('node:sea');
const vm = require('node:vm');
const path = require('node:path');
const Module = require('node:module');

// Parallel fsyncs of the files a step writes go through libuv's pool: give it room.
if (!process.env.UV_THREADPOOL_SIZE) process.env.UV_THREADPOOL_SIZE = '16';
const self = process.execPath;
const cachedData = Buffer.from(sea.getAsset('yip.bundle.cjs.cache'));
// The bundle is a function of the module parameters (scripts/build.mjs), compiled as it is.
const script = new vm.Script(sea.getAsset('yip.bundle.cjs', 'utf8'), { filename: self, cachedData });
const bundleModule = new Module(self, module);
bundleModule.filename = self;
bundleModule.paths = Module._nodeModulePaths(path.dirname(self));
const run = script.runInThisContext();
run.call(bundleModule.exports, bundleModule.exports, Module.createRequire(self), bundleModule, self, path.dirname(self));
