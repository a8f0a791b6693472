// The language server in a web worker (vscode.dev, github.dev, code-server's web worker extension host): the same
// server/languageServer.ts as in Node, over postMessage. There is no disk: every workspace file is read through
// the editor (common/protocol/fileSystem.ts), and the built-in templates come bundled as data.
//
// The client starts this worker with a JSON `name` carrying what the worker cannot find by itself: the URL of the
// Mermaid validation worker (a Blob URL in code-server, where extension URLs cannot start workers).
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { BUNDLED_TEMPLATES_ROOT, bundledTemplates } from './browser/bundledTemplates';
import { createWebWorkerValidator } from './browser/webWorkerValidator';
import { startServer } from './languageServer';

interface WorkerScope {
  name?: string;
}

export interface BrowserServerOptions {
  mermaidWorkerUrl?: string;
}

function optionsFromName(name: string | undefined): BrowserServerOptions {
  try {
    const parsed = JSON.parse(name ?? '{}') as BrowserServerOptions;
    return { mermaidWorkerUrl: typeof parsed.mermaidWorkerUrl === 'string' ? parsed.mermaidWorkerUrl : undefined };
  } catch {
    return {};
  }
}

const scope = globalThis as unknown as WorkerScope & ConstructorParameters<typeof BrowserMessageReader>[0];
const options = optionsFromName(scope.name);
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
