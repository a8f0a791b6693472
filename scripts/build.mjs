// Bundles every runnable part with esbuild into dist/. One entry list; each part declares its own platform/format.
// Fails on any warning, because a warning-free build is part of the bar.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { MERMAID_WORKER_CHUNKS, mermaidWorkerEntry } from './mermaidWorkerBuild.mjs';
import { browserEntries, inertPathBrowserify, nodeBuiltinsIn, resolveAsUsual } from './browserBuild.mjs';
import { vscodeApiOnce } from './vscodeApiOnce.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
export const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
  // Prefer packages' ESM builds: UMD builds (jsonc-parser) hide their requires from the bundler.
  mainFields: ['module', 'main'],
};

/**
 * The language server's `vscode-languageserver` brings its own copy of `vscode-jsonrpc`, older than the one the client
 * and common/protocol use. In the server bundle, common/protocol's `vscode-jsonrpc` is resolved as the server's
 * protocol package resolves it: one jsonrpc in the bundle, not two, and message types of the connection's own copy.
 * @type {import('esbuild').Plugin}
 */
// mocha's browser build (mocha/mocha.js) is a UMD file inside an ES-module package, so esbuild bundles it as ESM and
// its `module.exports = factory()` branch would overwrite the test bundle's own exports (the web host would then call
// mocha's `run`, not ours). Hiding `module`/`exports`/`define` from it takes the UMD's global branch: `self.mocha`.
const mochaBrowserGlobal = {
  name: 'mocha-browser-global',
  setup(build) {
    build.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async (args) => ({
      contents: `var module, exports, define;\n${await fs.promises.readFile(args.path, 'utf8')}`,
      loader: 'js',
    }));
  },
};

const serverJsonrpc = {
  name: 'server-jsonrpc',
  setup(build) {
    build.onResolve({ filter: /^vscode-jsonrpc$/ }, async (args) => {
      if (args.pluginData === 'server-jsonrpc') return undefined;
      const resolveFrom = async (spec, resolveDir) => {
        const r = await build.resolve(spec, { kind: args.kind, resolveDir, pluginData: 'server-jsonrpc' });
        if (r.errors.length) throw new Error(`server-jsonrpc: cannot resolve ${spec} from ${resolveDir}`);
        return r.path;
      };
      const server = await resolveFrom('vscode-languageserver/node', root);
      const protocol = await resolveFrom('vscode-languageserver-protocol', path.dirname(server));
      return { path: await resolveFrom('vscode-jsonrpc', path.dirname(protocol)) };
    });
  },
};

/**
 * The desktop client's `import('./nodeClient')` (src/extension.ts) stays a `require('./nodeClient.js')` of the second
 * client file, dist/nodeClient.js: vscode-languageclient is then not even read while VS Code waits for activate().
 * @type {import('esbuild').Plugin}
 */
const nodeClientApart = {
  name: 'node-client-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/nodeClient$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'extension.ts'))
        ? { path: './nodeClient.js', external: true }
        : undefined,
    );
  },
};

/**
 * common/protocol builds its message types with vscode-jsonrpc's RequestType and NotificationType classes. The
 * package's one entry re-exports the whole connection (52 KB minified), which esbuild cannot shake out of CommonJS;
 * the client's first file takes the module that defines the classes (lib/common/messages.js, of the copy that
 * common/protocol would get). The client sends by method name (src/serverConnection.ts), so these objects never
 * meet the connection's copy in dist/nodeClient.js.
 * @type {import('esbuild').Plugin}
 */
const protocolMessageTypesOnly = {
  name: 'protocol-message-types-only',
  setup(build) {
    build.onResolve({ filter: /^vscode-jsonrpc$/ }, async (args) => {
      if (args.pluginData === 'protocol-message-types-only') return undefined;
      const api = await resolveAsUsual(build, args, 'protocol-message-types-only');
      if (api.errors.length) return { errors: api.errors };
      return { path: path.join(path.dirname(api.path), 'messages.js') };
    });
  },
};

/** @type {import('esbuild').BuildOptions[]} */
export const entries = [
  // Extension client: runs in VS Code's extension host; `vscode` is provided by the host. Two files: what activate()
  // needs, and the language client it loads just after (src/nodeClient.ts).
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [inertPathBrowserify, nodeClientApart, protocolMessageTypesOnly, vscodeApiOnce],
    // `import()` of that file compiled to `require()`: the extension host's module loader (which provides `vscode`)
    // is CommonJS's.
    supported: { 'dynamic-import': false },
  },
  {
    entryPoints: ['src/nodeClient.ts'],
    outfile: 'dist/nodeClient.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [vscodeApiOnce],
  },
  // Language server: also runs alone (`node dist/server.js --stdio`) for any LSP editor.
  {
    entryPoints: ['server/server.ts'],
    outfile: 'dist/server.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [serverJsonrpc],
  },
  // Command-line interface for CI.
  { entryPoints: ['server/cli.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20' },
  // Diagram preview webview script (browser). Mermaid itself is not bundled in: it is copied below as one file.
  {
    entryPoints: ['media/preview/main.ts'],
    outfile: 'dist/preview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    mainFields: ['browser', 'module', 'main'],
  },
  // Renders ```mermaid in VS Code's built-in Markdown preview when no other renderer does (markdown.previewScripts).
  {
    entryPoints: ['media/preview/markdownPreviewScript.ts'],
    outfile: 'dist/markdownPreview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    mainFields: ['browser', 'module', 'main'],
  },
  // Mermaid validation worker (parse only, off the server's main thread); stubs and patches in mermaidWorkerBuild.mjs.
  mermaidWorkerEntry,
  // The browser bundles (web worker extension host, vscode.dev): settings and the Node built-in check in browserBuild.mjs.
  ...browserEntries,
  // Extension-host test suite (mocha, run inside VS Code); never packaged. mocha stays external: it runs from the repo.
  {
    entryPoints: ['test/extension/index.ts'],
    outfile: 'dist-test/extension/index.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  },
  // The same suite for the web worker extension host: one CommonJS file (the host's loader provides only `vscode`),
  // mocha's browser build and the npm port of `assert` bundled in, with a `process` of its own (processShim.ts).
  {
    entryPoints: ['test/extension/browserIndex.ts'],
    outfile: 'dist-test/extension/browser.js',
    platform: 'browser',
    format: 'cjs',
    target: 'chrome120',
    external: ['vscode'],
    inject: ['test/extension/browser/processShim.ts'],
    plugins: [mochaBrowserGlobal],
  },
];

// Mermaid's self-contained browser build, loaded by the preview webview from the extension (never a CDN).
// Copied rather than bundled: it is already minified and bundling it would add seconds to every build.
export const copies = [{ from: 'node_modules/mermaid/dist/mermaid.min.js', to: 'dist/mermaid.min.js' }];

// Importable (the benchmark builds the client with these same options) without building anything.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let failed = false;
  // Chunk names carry a content hash: old ones would pile up.
  fs.rmSync(path.join(root, MERMAID_WORKER_CHUNKS), { recursive: true, force: true });
  for (const entry of entries) {
    const options = { ...common, ...entry };
    if (watch) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
      continue;
    }
    const result = await esbuild.build(options).catch((e) => ({ errors: [e], warnings: [] }));
    const builtins =
      result.metafile && entry.platform === 'browser' ? nodeBuiltinsIn(result.metafile, entry.outfile) : [];
    for (const message of builtins) console.error(`build: ${message}`);
    if (result.errors.length || result.warnings.length || builtins.length) {
      failed = true;
      console.error(
        `build: ${entry.outfile ?? entry.entryPoints}: ${result.errors.length} error(s), ${result.warnings.length} warning(s)`,
      );
    }
  }
  for (const { from, to } of copies) {
    fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
    fs.copyFileSync(path.join(root, from), path.join(root, to));
  }
  if (failed) process.exit(1);
  if (!watch) console.log(`build: ${entries.length} bundles written to dist/${production ? ' (production)' : ''}`);
}
