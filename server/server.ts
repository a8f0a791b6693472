// The language server in Node: the extension's server (IPC) and any LSP editor's (`node dist/server.js --stdio`).
// The server itself is server/languageServer.ts; this file supplies what only Node has: the disk, git, a worker
// thread for Mermaid, environment variables and the files beside the bundle.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { findBuiltinTemplatesFolder, gitAuthor, nodeFileSystem } from './core/node';
import { createMermaidValidator } from './core/node/mermaidValidator';
import { startServer } from './languageServer';
import { releaseMemory } from './releaseMemory';
import { pathToUri } from './uris';

// createConnection picks the transport from the command line: --stdio, --node-ipc or --socket=<port>.
const connection = createConnection(ProposedFeatures.all);

const MERMAID_IDLE_MS = /^\d+$/.test(process.env.DESIGN_NOTES_MERMAID_IDLE_MS ?? '')
  ? Number(process.env.DESIGN_NOTES_MERMAID_IDLE_MS)
  : 30_000;

const catalogDoc = path.resolve(__dirname, '../docs/catalog.md');

const started = startServer({
  connection,
  disk: nodeFileSystem,
  builtinTemplatesFolder: findBuiltinTemplatesFolder(),
  gitAuthor: (cwd) => gitAuthor(cwd),
  // DESIGN_NOTES_DEBOUNCE_MS overrides the typing delay; `npm run bench` sets 0 to time the check, not the wait.
  debounceMs: /^\d+$/.test(process.env.DESIGN_NOTES_DEBOUNCE_MS ?? '')
    ? Number(process.env.DESIGN_NOTES_DEBOUNCE_MS)
    : 150,
  // One worker thread (dist/mermaidWorker.mjs beside this bundle): its ~90 MB isolate is most of the server's
  // memory, so it stops after a while without diagrams to parse and the next diagram starts it again.
  // DESIGN_NOTES_MERMAID_IDLE_MS overrides the wait (the benchmark's soak).
  createMermaidValidator: () =>
    createMermaidValidator({ workerPath: path.join(__dirname, 'mermaidWorker.mjs'), idleStopMs: MERMAID_IDLE_MS }),
  catalogDocUri: existsSync(catalogDoc) ? pathToUri(catalogDoc) : undefined,
  releaseMemory,
});

process.on('uncaughtException', (e) =>
  connection.console.error(`Design Notes server: uncaught ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
);
process.on('unhandledRejection', (e) =>
  connection.console.error(`Design Notes server: unhandled ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
);

export const { documents, service, services } = started;
export { connection };
