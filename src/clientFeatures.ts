// What the desktop client (extension.ts) and the browser client (browserExtension.ts) register alike, around
// their different ways of starting the language server: commands, the trust notification, the preview, the
// case-study features and the file requests of servers that read files through the editor.
import * as vscode from 'vscode';
import type { LanguageClientOptions } from 'vscode-languageclient';
import {
  Commands,
  DocumentDiagramsRequest,
  WorkspaceTrustedNotification,
  type InitializationOptions,
} from '../common/protocol';
import { whileActive } from './afterActivation';
import { registerCaseStudyFeatures } from './caseStudies';
import { send } from './caseStudies/serverRequests';
import { serveFileSystem } from './files/serveFileSystem';
import { registerPreview } from './preview';
import type { ClientGetter, ServerConnection } from './serverConnection';

/**
 * Creates the language client after activate() has returned. vscode-languageclient is 400 KB of the client's
 * 450 KB: evaluated inside activate() it made activation take 250 ms in code-server (issue 18, target 4), and the
 * extension host activates other extensions, and runs the command that activated us, only after we return. The
 * module is reached through `import()` in `create`, so esbuild wraps it and it is evaluated here, one macrotask
 * later (a microtask would still run before the host sees activate() resolved). Everything the user can invoke is
 * registered in activate() and waits for this promise.
 */
export function createClientAfterActivation<C extends ServerConnection>(
  create: () => Promise<C>,
  output: vscode.LogOutputChannel,
): Promise<C | undefined> {
  const started = Date.now();
  return (current = new Promise<void>((resolve) => setTimeout(resolve, 0))
    .then(create)
    .then((client) => {
      output.info(`Design Notes: language client created ${Date.now() - started} ms after activation.`);
      return client;
    })
    .catch((e: unknown) => {
      output.error(
        `Design Notes: the language client could not be created: ${e instanceof Error ? e.message : String(e)}`,
      );
      return undefined;
    }));
}

/** The client createClientAfterActivation made (one per activation), for stopClient. */
let current: Promise<ServerConnection | undefined> | undefined;

/** deactivate() of both clients: stops the language client, once it exists (VS Code waits for the promise). */
export async function stopClient(): Promise<void> {
  const c = await current;
  current = undefined;
  await c?.stop();
}

/**
 * `client` resolves once the language client exists (createClientAfterActivation). Commands, the preview and the
 * case-study features are registered at once; the file requests a virtual workspace's files (and all of the web
 * worker server's) are read through are registered on the client before it starts.
 */
export function registerClientFeatures(
  context: vscode.ExtensionContext,
  client: Promise<ServerConnection | undefined>,
  output: vscode.LogOutputChannel,
): void {
  const active = whileActive(context);
  // The first callback on `client`: handlers before start (the first check asks for files at once).
  void client.then((c) => {
    if (!c || !active()) return;
    // Files through the editor (common/protocol/fileSystem.ts): the web worker server reads every file this way,
    // the Node server a virtual workspace's.
    context.subscriptions.push(...serveFileSystem(c));
    startInBackground(c, output);
  });
  const getClient: ClientGetter = () => client;
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      const c = await client;
      if (!c) return;
      if (c.restart) await c.restart();
      else {
        await c.stop();
        await c.start();
      }
    }),
    // Run by the missing-file quick fix after the editor created the file: show the user what was made.
    vscode.commands.registerCommand(Commands.openFile, async (uri: string) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      await vscode.window.showTextDocument(document, { preview: false });
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client.then((c) => c?.sendNotification(WorkspaceTrustedNotification.method));
    }),
  );
  // The diagram preview asks the server for a document's diagrams (it holds the text and parses it).
  registerPreview(context, async (params) => {
    try {
      return await send(getClient, DocumentDiagramsRequest, params);
    } catch (e) {
      output.warn(
        `Design Notes: the diagrams of ${params.uri} are not known: ${e instanceof Error ? e.message : String(e)}`,
      );
      return undefined;
    }
  });
  // New Case Study, Add Missing Files, the Case Studies view and the index: data from the server's requests.
  registerCaseStudyFeatures(context, getClient, output);
}

/**
 * Documents the server checks: Markdown and Mermaid on disk and in untitled editors, and in the schemes of the
 * workspace's folders (vscode-vfs://github/…, vscode-remote://… in a browser), whose files the editor serves.
 */
export function documentSelector(): { scheme: string; language?: string; pattern?: string }[] {
  const schemes = new Set(['file', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  return [
    ...[...schemes].flatMap((scheme) => [
      { scheme, language: 'markdown' },
      { scheme, language: 'mermaid' },
      { scheme, pattern: '**/.designnotes.json' },
    ]),
    { scheme: 'untitled', language: 'markdown' },
  ];
}

/**
 * The language-client options both clients share (the desktop one adds nothing but its transport; the caller adds
 * `revealOutputChannelOn`, an enum each client imports from its own entry of vscode-languageclient).
 */
export function sharedClientOptions(output: vscode.LogOutputChannel): LanguageClientOptions {
  return {
    documentSelector: documentSelector(),
    // Restricted Mode: the server then ignores workspace-provided template folders and catalogs. A function, so a
    // restarted server (Restart Server, or after a crash) hears the trust of now, not of activation.
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted }),
    outputChannel: output,
    // The server pulls `designNotes.*` itself (workspace/configuration) and is told when it changes.
    synchronize: { configurationSection: 'designNotes' },
  };
}

/**
 * Starts the client without waiting: activation stays quick, and the Markdown-preview plugin is returned even if the
 * server cannot start. The client restarts a crashed server by itself and the server re-publishes on start.
 */
function startInBackground(client: { start(): Promise<void> }, output: vscode.LogOutputChannel): void {
  client
    .start()
    .catch((e: unknown) =>
      output.error(`Design Notes: the language server did not start: ${e instanceof Error ? e.message : String(e)}`),
    );
}
