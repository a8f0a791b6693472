// The client in the browser (vscode.dev, github.dev, code-server's web worker extension host): the package.json
// `browser` entry. The same features as the desktop client (clientFeatures.ts); the language server runs in a web
// worker (dist/browser/server.js) and reads every workspace file through this client (files/serveFileSystem.ts).
import * as vscode from 'vscode';
import { createClientAfterActivation, registerClientFeatures, sharedClientOptions, stopClient } from './clientFeatures';
import { extendMarkdownIt } from './preview';
import { BROWSER_SERVER_OPTIONS, type BrowserServerOptions } from '../common/protocol/browserServer';
import type { ServerWorker } from './browserClient';

let serverWorker: ServerWorker | undefined;

/**
 * A Blob URL holding one of the extension's scripts. Workers are started from Blob URLs, not from the extension's
 * own URL: code-server installs extensions remotely and refuses `new Worker(<extension URI>)` ("Creating workers
 * from remote extensions is currently not supported"), while a Blob worker starts everywhere. The script is read
 * through workspace.fs (vscode-remote:, file:), or fetched where the extension is served over http(s) (vscode.dev).
 */
async function scriptUrl(context: vscode.ExtensionContext, relative: string, prelude = ''): Promise<string> {
  const uri = vscode.Uri.joinPath(context.extensionUri, relative);
  let code: Uint8Array<ArrayBuffer>;
  try {
    code = new Uint8Array(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    if (uri.scheme !== 'http' && uri.scheme !== 'https') throw e;
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`${relative}: HTTP ${response.status}`, { cause: e });
    code = new Uint8Array(await response.arrayBuffer());
  }
  return URL.createObjectURL(new Blob([prelude, code], { type: 'text/javascript' }));
}

export function activate(context: vscode.ExtensionContext): { extendMarkdownIt: typeof extendMarkdownIt } {
  const output = vscode.window.createOutputChannel('Design Notes', { log: true });
  context.subscriptions.push(output);

  // The Mermaid worker first: the server worker is told its URL in a first line of its script (a global the server
  // reads at start; the worker `name` option is not passed through by every web extension host).
  const serverUrl = scriptUrl(context, 'dist/browser/mermaidWorker.js')
    .catch((e: unknown) => {
      // Without it everything but Mermaid validation still works; the server says why diagrams are not checked.
      output.error(
        `Design Notes: the Mermaid validation worker could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
      );
      return undefined;
    })
    .then((mermaidWorkerUrl) =>
      scriptUrl(
        context,
        'dist/browser/server.js',
        `self.${BROWSER_SERVER_OPTIONS}=${JSON.stringify({ mermaidWorkerUrl } satisfies BrowserServerOptions)};\n`,
      ),
    );
  // After activation, as on the desktop (clientFeatures.ts, createClientAfterActivation): vscode-languageclient is
  // evaluated once activate() has returned. Restart Server (and a restart after a crash) gets a fresh worker; the old
  // one is ended.
  const created = createClientAfterActivation(
    async () =>
      (await import('./browserClient')).createBrowserClient(async () => {
        const url = await serverUrl;
        serverWorker?.terminate();
        serverWorker = new (WorkerConstructor())(url, { name: 'Design Notes language server' });
        return serverWorker;
      }, sharedClientOptions(output)),
    output,
  );
  registerClientFeatures(context, created, output);
  return { extendMarkdownIt };
}

// The extension host's Worker, looked up on globalThis: src/ is type-checked without DOM or web-worker globals (the
// desktop client must not use them), and this file only runs where a web extension host provides them.
const WorkerConstructor = () =>
  (globalThis as unknown as { Worker: new (url: string, options?: { name?: string }) => ServerWorker }).Worker;

export async function deactivate(): Promise<void> {
  await stopClient();
  serverWorker?.terminate();
  serverWorker = undefined;
}
