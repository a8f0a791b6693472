// esbuild settings for the browser bundles (vscode.dev, github.dev, code-server's web worker extension host):
//   dist/browser/extension.js     the client, vscode-languageclient/browser (CommonJS, as VS Code loads web extensions)
//   dist/browser/server.js        the language server for a web worker, vscode-languageserver/browser
//   dist/browser/mermaidWorker.js Mermaid validation, a worker the server worker starts (same stubs as Node's)
// A web worker has no Node built-ins: the build FAILS when a browser bundle would import one (checked as modules
// resolve, with the importing file named, and again on the finished bundle's metafile). node:path is the one
// built-in given a browser implementation: path-browserify, Node's own POSIX path ported.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { mermaidWorkerEntry } from './mermaidWorkerBuild.mjs';
import { vscodeApiOnce } from './vscodeApiOnce.mjs';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const BROWSER_REPLACEMENTS = {
  path: 'path-browserify',
  'node:path': 'path-browserify',
  'path/posix': 'path-browserify',
  'node:path/posix': 'path-browserify',
};

/** Names a Node built-in, as an import path ("fs", "node:fs/promises"). */
export function isNodeBuiltin(specifier) {
  return NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]) || specifier.startsWith('node:');
}

/** @type {import('esbuild').Plugin} */
const noNodeBuiltins = {
  name: 'no-node-builtins-in-browser-bundles',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind === 'entry-point' || !isNodeBuiltin(args.path)) return undefined;
      const replacement = BROWSER_REPLACEMENTS[args.path];
      if (replacement) return build.resolve(replacement, { kind: args.kind, resolveDir: args.resolveDir });
      return {
        errors: [
          {
            text: `Node built-in "${args.path}" imported by ${path.relative(process.cwd(), args.importer) || args.importer}: browser bundles run in a web worker, which has no Node built-ins. Move the Node-only code behind an interface (server/core/node/ holds the Node adapters) or give it a browser implementation.`,
          },
        ],
      };
    });
  },
};

/**
 * Resolves an import as esbuild would without the plugin asking: the plugin's `tag`, passed as pluginData, makes its
 * own onResolve step aside for this one call.
 */
export function resolveAsUsual(build, args, tag) {
  return build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: tag });
}

/**
 * path-browserify (the POSIX paths of common/path.ts) only defines functions when loaded, but its package does not
 * say so (no "sideEffects" field), and esbuild keeps a CommonJS module it cannot prove inert. Marked here, the
 * clients, which import common/path.ts for styledPath alone, leave it out of their bundles.
 * @type {import('esbuild').Plugin}
 */
export const inertPathBrowserify = {
  name: 'inert-path-browserify',
  setup(build) {
    build.onResolve({ filter: /^path-browserify$/ }, async (args) => {
      if (args.pluginData === 'inert-path-browserify') return undefined;
      const resolved = await resolveAsUsual(build, args, 'inert-path-browserify');
      return resolved.errors.length ? undefined : { path: resolved.path, sideEffects: false };
    });
  },
};

/** The shipped templates/ folder as one module of data (`design-notes:templates`): a worker cannot read it from disk. */
/** @type {import('esbuild').Plugin} */
const bundledTemplates = {
  name: 'bundled-templates',
  setup(build) {
    build.onResolve({ filter: /^design-notes:templates$/ }, () => ({
      path: 'templates',
      namespace: 'design-notes-templates',
    }));
    build.onLoad({ filter: /.*/, namespace: 'design-notes-templates' }, () => {
      const root = path.join(build.initialOptions.absWorkingDir ?? process.cwd(), 'templates');
      const files = {};
      const walk = (dir) => {
        for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
          const full = path.join(dir, e.name);
          if (e.isDirectory()) walk(full);
          else if (e.isFile() && full !== path.join(root, 'README.md'))
            files[path.relative(root, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
        }
      };
      walk(root);
      return {
        contents: `export default ${JSON.stringify(files)};`,
        loader: 'js',
        watchDirs: [root],
        watchFiles: Object.keys(files).map((f) => path.join(root, f)),
      };
    });
  },
};

const browser = { platform: 'browser', target: 'chrome120', mainFields: ['browser', 'module', 'main'], metafile: true };

/** @type {import('esbuild').BuildOptions[]} */
export const browserEntries = [
  // VS Code loads a web extension's `browser` entry as CommonJS in its web worker extension host.
  {
    ...browser,
    entryPoints: ['src/browserExtension.ts'],
    outfile: 'dist/browser/extension.js',
    format: 'cjs',
    external: ['vscode'],
    plugins: [vscodeApiOnce, inertPathBrowserify, noNodeBuiltins],
  },
  {
    ...browser,
    entryPoints: ['server/browserServer.ts'],
    outfile: 'dist/browser/server.js',
    format: 'iife',
    plugins: [noNodeBuiltins, bundledTemplates],
  },
  {
    ...browser,
    entryPoints: ['server/browser/mermaidWebWorker.ts'],
    outfile: 'dist/browser/mermaidWorker.js',
    format: 'iife',
    alias: mermaidWorkerEntry.alias,
    plugins: [noNodeBuiltins, ...mermaidWorkerEntry.plugins],
  },
];

/**
 * The second line of defence, on what was bundled: any input that still names a Node built-in (an external import,
 * e.g. from a package whose `browser` field left it to the host) fails the build. Returns the messages.
 */
export function nodeBuiltinsIn(metafile, outfile) {
  const problems = [];
  for (const [input, info] of Object.entries(metafile.inputs)) {
    for (const imp of info.imports ?? []) {
      if (imp.external && isNodeBuiltin(imp.path))
        problems.push(`${outfile}: ${input} imports the Node built-in "${imp.path}", which a web worker does not have`);
    }
  }
  return problems;
}
