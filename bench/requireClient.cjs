// Times `require()` of the extension client bundle with a stub `vscode` module: module evaluation only, not
// activate() (which needs a real extension host). `node bench/requireClient.cjs <bundle.js>`; prints JSON.
'use strict';
const Module = require('node:module');
const stubPath = require.resolve('./vscodeStub.cjs');
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'vscode') return stubPath;
  return originalResolve.call(this, request, ...rest);
};
require(stubPath);
const bundle = require('node:path').resolve(process.argv[2]);
const start = process.hrtime.bigint();
const exported = require(bundle);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ ms, exportsActivate: typeof exported.activate === 'function' }));
