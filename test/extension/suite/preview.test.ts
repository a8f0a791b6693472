import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, eventually, workspaceRoot } from './util';
import { findOtherMermaidRenderer } from '../../../src/preview/markdownPreview';

// Diagram preview inside a real VS Code: the command opens the webview, the palette export goes webview → host →
// save dialog → workspace.fs, and the Markdown-preview integration stands down for VS Code's own renderer.
// Files are written outside case-studies/ so the diagnostics suites see the fixture unchanged.
const DOC = ['# Preview fixture', '', '## Components', '', '```mermaid', 'flowchart LR', '  A[Client] --> B[API]', '```', '', '## Broken', '', '```mermaid', 'flowchart TD', '  A -->', '```', ''].join('\n');

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('designNotes.preview'));
}

/** Polls until the file exists (the export crosses webview → extension host asynchronously). */
async function readWhenWritten(uri: vscode.Uri, timeout: number): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      if (Date.now() > deadline) throw new Error(`${uri.path} was not written within ${timeout / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

suite('diagram preview', () => {
  let doc: vscode.Uri;

  suiteSetup(async () => {
    await activated();
    doc = vscode.Uri.joinPath(workspaceRoot(), 'preview-test', 'diagrams.md');
    await vscode.workspace.fs.writeFile(doc, new TextEncoder().encode(DOC));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Open Diagram Preview opens one webview panel for the file, beside the editor', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('designNotes.openPreview');
    const tab = await eventually('a diagram preview tab', () => previewTabs()[0]);
    assert.equal(tab.label, 'Diagrams: diagrams.md');
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'beside, not over the editor');
    // Running it again reveals the same panel instead of opening another.
    await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn });
    await vscode.commands.executeCommand('designNotes.openPreview');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(previewTabs().length, 1);
  });

  test('Export Diagram as SVG writes the diagram under the cursor to the file chosen in the save dialog', async function () {
    const target = vscode.Uri.joinPath(workspaceRoot(), 'preview-test', 'exported.svg');
    // The save dialog is the user's confirmation; here it answers with a fixed file. The test runs in the
    // extension's own API instance, so replacing the function reaches the extension's call.
    const window = vscode.window as { showSaveDialog: typeof vscode.window.showSaveDialog };
    const original = window.showSaveDialog;
    try {
      window.showSaveDialog = async () => target;
    } catch {
      this.skip();
    }
    if (window.showSaveDialog === original) this.skip();
    try {
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
      editor.selection = new vscode.Selection(6, 4, 6, 4);
      await vscode.commands.executeCommand('designNotes.exportDiagramSvg');
      const text = await readWhenWritten(target, 45_000);
      assert.match(text, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(text, /Client/);
    } finally {
      window.showSaveDialog = original;
    }
  });

  test('the Markdown preview integration detects VS Code\'s own Mermaid renderer and stands down (auto)', async () => {
    const builtIn = vscode.extensions.getExtension('vscode.mermaid-markdown-features');
    // code-server 4.139.1 (VS Code 1.139.1), which CI runs, ships it: make sure the stand-down branch is what runs there.
    const [major, minor] = vscode.version.split('.').map(Number);
    if (major > 1 || minor >= 139) assert.ok(builtIn, `VS Code ${vscode.version} should ship vscode.mermaid-markdown-features`);
    assert.equal(findOtherMermaidRenderer(), builtIn ? 'vscode.mermaid-markdown-features' : undefined);
    // What the Markdown preview's engine actually produces, with every contributed plugin (ours included).
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', DOC);
    if (builtIn) assert.doesNotMatch(html, /dn-mermaid/, 'with the built-in renderer enabled, we add nothing');
    else assert.match(html, /class="dn-mermaid/, 'without another renderer, our placeholder is there');
  });
});
