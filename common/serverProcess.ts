// How the Node language server process is started, shared by the extension client (src/extension.ts), the tests and
// the benchmark (test/support/lspClient.ts), so they measure what ships. Other editors: docs/lsp-extensions.md.

/**
 * V8 flags for the server's Node process. A young generation of 4 MB semi-spaces: the server is long-lived and parses
 * every case study at start; with V8's default young generation the garbage of that first check kept ~100 MB of RSS
 * that ~30 MB of live objects do not need. Measured with bench/serverHeap.ts (1,000 case studies, quiet machine):
 * idle RSS 261–266 MB → 157–167 MB, start-up to every diagnostic 6.2–6.8 s → 5.8–6.2 s. The flag must be on the
 * command line: set at run time (v8.setFlagsFromString) it changed nothing, the heap is already laid out.
 */
export const SERVER_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=4',
  // For server/releaseMemory.ts: one memory-reducing collection after each whole-folder check. The flag puts a `gc`
  // function in every context of the process; nothing but that module calls it (diagrams are parsed, never run).
  '--expose-gc',
];
