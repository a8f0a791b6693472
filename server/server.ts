// The language server in Node: the extension's server (IPC) and any LSP editor's (`node dist/server.js --stdio`).
// The server itself is server/languageServer.ts; this file supplies what only Node has: the disk, git, a worker
// thread for Mermaid, environment variables and the files beside the bundle.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { findBuiltinTemplatesFolder, gitAuthor, nodeFileSystem } from './core/node';
import { createMermaidValidator } from './core/node/mermaidValidator';
import { startServer } from './languageServer';
import { pathToUri } from './uris';

// createConnection picks the transport from the command line: --stdio, --node-ipc or --socket=<port>.
const connection = createConnection(ProposedFeatures.all);

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
  // A worker thread (dist/mermaidWorker.mjs beside this bundle).
  createMermaidValidator: () => createMermaidValidator({ workerPath: path.join(__dirname, 'mermaidWorker.mjs') }),
  catalogDocUri: existsSync(catalogDoc) ? pathToUri(catalogDoc) : undefined,
});

process.on('uncaughtException', (e) =>
  connection.console.error(`Design Notes server: uncaught ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
);
process.on('unhandledRejection', (e) =>
  connection.console.error(`Design Notes server: unhandled ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
);

export const { documents, service, services } = started;
export { connection };
