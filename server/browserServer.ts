// The language server in a web worker (vscode.dev, github.dev, code-server's web worker extension host): the same
// server/languageServer.ts as in Node, over postMessage. There is no disk: every workspace file is read through
// the editor (common/protocol/fileSystem.ts), and the built-in templates come bundled as data.
//
// The client tells it, in a global set by the script's first line (common/protocol/browserServer.ts), the URL of the
// Mermaid validation worker (a Blob URL in code-server, where extension URLs cannot start workers).
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { BUNDLED_TEMPLATES_ROOT, bundledTemplates } from './browser/bundledTemplates';
import { createWebWorkerValidator } from './browser/webWorkerValidator';
import { startServer } from './languageServer';
import { BROWSER_SERVER_OPTIONS, type BrowserServerOptions } from '../common/protocol/browserServer';

type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0] & Record<string, unknown>;
const scope = globalThis as unknown as WorkerScope;

function readOptions(raw: unknown): BrowserServerOptions {
  const options = raw && typeof raw === 'object' ? (raw as BrowserServerOptions) : {};
  return { mermaidWorkerUrl: typeof options.mermaidWorkerUrl === 'string' ? options.mermaidWorkerUrl : undefined };
}
const options = readOptions(scope[BROWSER_SERVER_OPTIONS]);
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));

startServer({
  connection,
  debounceMs: 150,
  bundled: bundledTemplates(),
  builtinTemplatesFolder: BUNDLED_TEMPLATES_ROOT,
  createMermaidValidator: () => {
    if (!options.mermaidWorkerUrl) throw new Error('the client gave no Mermaid worker');
    return createWebWorkerValidator({ workerUrl: options.mermaidWorkerUrl });
  },
});
