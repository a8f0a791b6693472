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
import { registerCaseStudyFeatures } from './caseStudies';
import type { ClientGetter } from './caseStudies/caseStudyData';
import { serveFileSystem, type RequestHandlerHost } from './files/serveFileSystem';
import { registerPreview } from './preview';

interface Client extends RequestHandlerHost {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The Node client's (it also waits for a debug port); the browser client has none: stop, then start. */
  restart?(): Promise<void>;
  sendNotification(method: string): Promise<void>;
}

export function registerClientFeatures(
  context: vscode.ExtensionContext,
  client: Client,
  getClient: ClientGetter,
  output: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      if (client.restart) await client.restart();
      else {
        await client.stop();
        await client.start();
      }
    }),
    // Run by the missing-file quick fix after the editor created the file: show the user what was made.
    vscode.commands.registerCommand(Commands.openFile, async (uri: string) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      await vscode.window.showTextDocument(document, { preview: false });
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client.sendNotification(WorkspaceTrustedNotification.method);
    }),
    // Files through the editor (common/protocol/fileSystem.ts): the web worker server reads every file this way,
    // the Node server a virtual workspace's. Registered before start: the first check asks at once.
    ...serveFileSystem(client),
  );
  // The diagram preview asks the server for a document's diagrams (it holds the text and parses it).
  registerPreview(context, async (params) => {
    try {
      return await getClient()?.sendRequest(DocumentDiagramsRequest, params);
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
export function startInBackground(client: { start(): Promise<void> }, output: vscode.LogOutputChannel): void {
  client
    .start()
    .catch((e: unknown) =>
      output.error(`Design Notes: the language server did not start: ${e instanceof Error ? e.message : String(e)}`),
    );
}
