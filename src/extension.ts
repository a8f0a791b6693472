import * as vscode from 'vscode';
import { createClientAfterActivation, registerClientFeatures, sharedClientOptions } from './clientFeatures';
import { extendMarkdownIt } from './preview';

export { stopClient as deactivate } from './clientFeatures';

/**
 * A thin client: it starts the language server (which owns every check, completion, quick fix and case-study
 * summary), forwards settings, and registers the editor-only features (preview, commands); it talks to the server
 * only through common/protocol. Nothing here parses Markdown: the diagram preview asks the server for a file's
 * Mermaid blocks (designNotes/documentDiagrams), and the plugin returned below only teaches VS Code's own Markdown
 * preview (its markdown-it) to render ```mermaid fences.
 *
 * activate() registers everything and returns; the language client is created and started just after
 * (createClientAfterActivation), and the server process starts in the background.
 */
export function activate(context: vscode.ExtensionContext): { extendMarkdownIt: typeof extendMarkdownIt } {
  const output = vscode.window.createOutputChannel('Design Notes', { log: true });
  context.subscriptions.push(output);
  const created = createClientAfterActivation(
    async () => (await import('./nodeClient')).createNodeClient(context, sharedClientOptions(output)),
    output,
  );
  registerClientFeatures(context, created, output);
  // VS Code's Markdown preview asks extensions that contribute `markdown.markdownItPlugins` for this.
  return { extendMarkdownIt };
}
