// esbuild settings for the Mermaid validation worker (dist/mermaidWorker.mjs). Kept out of build.mjs so that the
// shared entry list only gains one line. Three things make mermaid usable (and fast) as a parse-only Node library:
//  1. `dompurify` needs a browser `window` at import time; parsing never sanitises anything that reaches a DOM,
//     so it is aliased to an identity stub. Render-only libraries (layout engines, KaTeX) are stubbed to shrink the
//     bundle and its import time.
//  2. mermaid's `getConfig()` deep-copies the whole configuration (~24 KB of objects, with Object.defineProperty per
//     key) and diagram databases call it for every node they add: ~80 % of a parse. The patch lets the worker swap
//     in an exact but faster copy (same result object shape, key order and sharing; see fastConfigCopy.ts) while
//     it parses. With the switch off, mermaid's own copy runs, which is what the reference `mermaid.parse` uses.
//  3. A few internals the worker needs to compute error positions (mermaid's own preprocessing) are re-exported
//     from the bundled entry. Exact-text patches fail the build loudly when a mermaid upgrade changes the source.
import { readFile } from 'node:fs/promises';

const stubs = 'server/core/mermaid/stubs/';

const GET_CONFIG =
  // eslint-disable-next-line no-regex-spaces -- the two spaces are mermaid's bundled source, verbatim
  /var getConfig = \/\* @__PURE__ \*\/ __name\(\(\) => \{\n  return assignWithDepth_default\(\{\}, currentConfig\);\n\}, "getConfig"\);/;
const FAST_GET_CONFIG = `var getConfig = /* @__PURE__ */ __name(() => {
  const fastCopy = globalThis.__designNotesMermaidConfigCopy;
  return fastCopy ? fastCopy(currentConfig) : assignWithDepth_default({}, currentConfig);
}, "getConfig");`;
const INTERNALS = `
export { preprocessDiagram as __preprocessDiagram, encodeEntities as __encodeEntities, getDiagram as __getDiagram, Diagram as __Diagram, assignWithDepth_default as __assignWithDepth, getDiagramLoader as __getDiagramLoader, registerDiagram as __registerDiagram };
`;

/** @type {import('esbuild').Plugin} */
const patchMermaid = {
  name: 'patch-mermaid-for-validation',
  setup(build) {
    let configPatched = false;
    let entryPatched = false;
    build.onStart(() => {
      configPatched = false;
      entryPatched = false;
    });
    build.onLoad(
      { filter: /[\\/]mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core[\\/]chunk-[A-Z0-9]+\.mjs$/ },
      async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!GET_CONFIG.test(text)) return undefined;
        configPatched = true;
        return { contents: text.replace(GET_CONFIG, FAST_GET_CONFIG), loader: 'js' };
      },
    );
    build.onLoad({ filter: /[\\/]mermaid[\\/]dist[\\/]mermaid\.core\.mjs$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      entryPatched = true;
      return { contents: text + INTERNALS, loader: 'js' };
    });
    build.onEnd((result) => {
      if (result.errors.length) return;
      if (!configPatched || !entryPatched) {
        result.errors.push({
          id: 'mermaid-patch',
          pluginName: 'patch-mermaid-for-validation',
          text: `mermaid source changed: getConfig patched=${configPatched}, entry patched=${entryPatched}; update scripts/mermaidWorkerBuild.mjs`,
          location: null,
          notes: [],
          detail: undefined,
        });
      }
    });
  },
};

/** Folder of the worker's lazily loaded chunks (beside dist/mermaidWorker.mjs; shipped with it). */
export const MERMAID_WORKER_CHUNKS = 'dist/mermaid-worker';

/** @type {import('esbuild').BuildOptions} */
export const mermaidWorkerEntry = {
  entryPoints: ['server/core/node/mermaidWorker.ts'],
  // dist/mermaidWorker.mjs plus chunks in dist/mermaid-worker/: with splitting, mermaid's own lazy imports of its
  // diagram types stay lazy, so a worker compiles only the grammars it meets (start-up about halved, ~17 MB less
  // per worker) instead of all of them.
  outdir: 'dist',
  entryNames: 'mermaidWorker',
  chunkNames: 'mermaid-worker/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  platform: 'node',
  // ESM: imports ~2x faster than cjs (matters when a runaway parse forces a respawn).
  format: 'esm',
  target: 'node20',
  // Bundled CommonJS dependencies may still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __dnCreateRequire } from 'node:module'; const require = __dnCreateRequire(import.meta.url);",
  },
  alias: {
    dompurify: `./${stubs}dompurify.ts`,
    cytoscape: `./${stubs}cytoscape.ts`,
    'cytoscape-fcose': `./${stubs}renderOnly.ts`,
    'cytoscape-cose-bilkent': `./${stubs}renderOnly.ts`,
    'elkjs/lib/elk.bundled.js': `./${stubs}renderOnly.ts`,
    katex: `./${stubs}renderOnly.ts`,
  },
  plugins: [patchMermaid],
};
