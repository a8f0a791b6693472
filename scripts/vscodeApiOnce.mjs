// One copy of the `vscode` API per client file, not one per module.
//
// The clients' modules `import * as vscode from 'vscode'`. With `vscode` external and a CommonJS output, esbuild
// turns each such import into `__toESM(require('vscode'))`, which copies every property of the API object (a few
// hundred, each as a getter) into a new object: 19 copies in dist/extension.js, 33 in the browser client. Profiled
// inside code-server's extension host, those copies were the largest part of loading dist/extension.js (14–36 ms of
// 20–74 ms; issue 18, target 4). Here our modules import a virtual ES module that re-exports `vscode` once; esbuild
// then reads every `vscode.x` from that one namespace object. `require('vscode')` in packages (vscode-languageclient)
// stays a plain require, which copies nothing.

/** @type {import('esbuild').Plugin} */
export const vscodeApiOnce = {
  name: 'vscode-api-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-api-once' || args.kind !== 'import-statement'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-api-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-api-once' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
    }));
  },
};
