import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
  RevealOutputChannelOn,
} from 'vscode-languageclient/node';
import { registerClientFeatures, sharedClientOptions, startInBackground } from './clientFeatures';
import { extendMarkdownIt } from './preview';
import { SERVER_NODE_FLAGS } from '../common/serverProcess';

let client: LanguageClient | undefined;

/**
 * A thin client: it starts the language server (which owns every check, completion, quick fix and case-study
 * summary), forwards settings, and registers the editor-only features (preview, commands); it talks to the server
 * only through common/protocol. Nothing here parses Markdown: the diagram preview asks the server for a file's
 * Mermaid blocks (designNotes/documentDiagrams), and the plugin returned below only teaches VS Code's own Markdown
 * preview (its markdown-it) to render ```mermaid fences.
 */
export async function activate(
  context: vscode.ExtensionContext,
): Promise<{ extendMarkdownIt: typeof extendMarkdownIt }> {
  const output = vscode.window.createOutputChannel('Design Notes', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6011'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    ...sharedClientOptions(output),
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  client = new LanguageClient('designNotes', 'Design Notes', serverOptions, clientOptions);

  // Commands, preview, case-study features, and the file requests a virtual workspace's files are read through.
  registerClientFeatures(context, client, () => client, output);
  startInBackground(client, output);
  // VS Code's Markdown preview asks extensions that contribute `markdown.markdownItPlugins` for this.
  return { extendMarkdownIt };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** For the extension-host tests: the running client. */
export function languageClient(): LanguageClient | undefined {
  return client;
}
