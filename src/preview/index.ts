// Diagram preview feature: the Mermaid preview webview, its export commands, and Mermaid in the built-in
// Markdown preview. `activate` calls `registerPreview` and returns `{ extendMarkdownIt }` for the Markdown preview.
import * as vscode from 'vscode';
import { PREVIEW_VIEW_TYPE, PreviewManager, isPreviewable } from './panel';
import { registerMarkdownPreviewSupport } from './markdownPreview';
import type { PreviewState } from './protocol';

export { extendMarkdownIt } from './markdownPreview';

export function registerPreview(context: vscode.ExtensionContext): PreviewManager {
  const manager = new PreviewManager(context.extensionUri);
  context.subscriptions.push(
    manager,
    vscode.commands.registerCommand('designNotes.openPreview', (uri?: vscode.Uri) => {
      // From the editor title bar VS Code passes the file; from the palette or a keybinding, use the active editor.
      const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      const doc = vscode.window.activeTextEditor?.document;
      if (!target || (!(uri instanceof vscode.Uri) && doc && !isPreviewable(doc))) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown or Mermaid file to preview its diagrams.'));
        return;
      }
      manager.open(target);
    }),
    vscode.commands.registerCommand('designNotes.exportDiagramSvg', () => manager.exportUnderCursor('svg')),
    vscode.commands.registerCommand('designNotes.exportDiagramPng', () => manager.exportUnderCursor('png')),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        manager.restore(panel, state as PreviewState | undefined);
      },
    }),
  );
  registerMarkdownPreviewSupport(context);
  return manager;
}
