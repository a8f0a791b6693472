import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
  RevealOutputChannelOn,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../common/protocol';
import { documentSelector, registerClientFeatures } from './clientFeatures';
import { extendMarkdownIt } from './preview';

let client: LanguageClient | undefined;

/**
 * A thin client: it starts the language server (which owns every check, completion, quick fix and case-study
 * summary), forwards settings, and registers the editor-only features (preview, commands); it talks to the server
 * only through common/protocol. It checks no Markdown itself, but two editor features read it: the diagram preview
 * finds a file's Mermaid blocks (src/preview/diagrams.ts, with the core's markdown-it model), and the plugin returned
 * below teaches VS Code's own Markdown preview (its markdown-it) to render ```mermaid fences.
 */
export async function activate(
  context: vscode.ExtensionContext,
): Promise<{ extendMarkdownIt: typeof extendMarkdownIt }> {
  const output = vscode.window.createOutputChannel('Design Notes', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    // Restricted Mode: the server then ignores workspace-provided template folders and catalogs. A function, so a
    // restarted server (Restart Server, or after a crash) hears the trust of now, not of activation.
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted }),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // The server pulls `designNotes.*` itself (workspace/configuration) and is told when it changes.
    synchronize: { configurationSection: 'designNotes' },
  };
  client = new LanguageClient('designNotes', 'Design Notes', serverOptions, clientOptions);

  // Commands, preview, case-study features, and the file requests a virtual workspace's files are read through.
  registerClientFeatures(context, client, () => client, output);
  // Started without waiting: activation stays quick, and the Markdown-preview plugin below is returned even if the
  // server cannot start. The client restarts a crashed server by itself and the server re-publishes on start.
  client
    .start()
    .catch((e: unknown) =>
      output.error(`Design Notes: the language server did not start: ${e instanceof Error ? e.message : String(e)}`),
    );
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
