// Diagram preview feature: the Mermaid preview webview, its export commands, and Mermaid in the built-in
// Markdown preview. `activate` calls `registerPreview` and returns `{ extendMarkdownIt }` for the Markdown preview.
//
// The panels' code (panel.ts and what only it uses: the webview HTML, export) is evaluated when a preview first opens
// or is restored, not at activation: most sessions never open one (issue 18, target 4). esbuild keeps a module that
// is only reached through `import()` in the same bundle but wraps it, so it runs on the first call.
import * as vscode from 'vscode';
import { Commands } from '../../common/protocol';
import { DiagramStore, PREVIEW_VIEW_TYPE, isPreviewable, type AskDiagrams } from './diagrams';
import type { PreviewManager } from './panel';
import { registerMarkdownPreviewSupport } from './markdownPreview';
import type { PreviewState } from '../../common/preview/messages';

export { extendMarkdownIt } from './markdownPreview';

/**
 * A file worth previewing when none is open: a case study's high-level design (with a diagram first), else any
 * Mermaid file, in the workspace. Bounded searches, node_modules excluded.
 */
async function findDesignFile(): Promise<vscode.Uri | undefined> {
  const exclude = '**/{node_modules,.git,dist,out}/**';
  const designs = await vscode.workspace.findFiles('**/*high-level-design*.md', exclude, 50);
  designs.sort((a, b) => a.path.localeCompare(b.path));
  for (const uri of designs) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (/^\s*(`{3,}|~{3,})\s*mermaid/m.test(text)) return uri;
  }
  if (designs[0]) return designs[0];
  const [mmd] = await vscode.workspace.findFiles('**/*.{mmd,mermaid}', exclude, 1);
  return mmd;
}

/** `ask` sends designNotes/documentDiagrams to the language server: the preview's only source of diagrams. */
export function registerPreview(context: vscode.ExtensionContext, ask: AskDiagrams): void {
  let loaded: Promise<PreviewManager> | undefined;
  const previews = () =>
    (loaded ??= import('./panel').then(({ PreviewManager }) => {
      const manager = new PreviewManager(context.extensionUri, new DiagramStore(ask));
      context.subscriptions.push(manager);
      return manager;
    }));
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openPreview, async (uri?: vscode.Uri) => {
      // From the editor title bar VS Code passes the file; from the palette or a keybinding, use the active editor.
      const doc = vscode.window.activeTextEditor?.document;
      let target = uri instanceof vscode.Uri ? uri : doc && isPreviewable(doc) ? doc.uri : undefined;
      if (!target) {
        // Nothing previewable in front (the Welcome page's walkthrough button, say): open a design file first.
        target = await findDesignFile();
        if (!target) {
          const create = vscode.l10n.t('New Case Study');
          const choice = await vscode.window.showInformationMessage(
            vscode.l10n.t(
              'There is no file with a diagram to preview yet: create a case study, then add a ```mermaid block to its high-level-design.md.',
            ),
            create,
          );
          if (choice === create) await vscode.commands.executeCommand(Commands.newCaseStudy);
          return;
        }
        await vscode.window.showTextDocument(target, { preview: false });
      }
      (await previews()).open(target);
    }),
    vscode.commands.registerCommand(Commands.exportDiagramSvg, async () => (await previews()).exportUnderCursor('svg')),
    vscode.commands.registerCommand(Commands.exportDiagramPng, async () => (await previews()).exportUnderCursor('png')),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        (await previews()).restore(panel, state as PreviewState | undefined);
      },
    }),
  );
  registerMarkdownPreviewSupport(context);
}
