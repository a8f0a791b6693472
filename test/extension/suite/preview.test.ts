import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { activated, eventually, testHost, workspaceRoot } from './util';
import { findOtherMermaidRenderer } from '../../../src/preview/markdownPreview';
import { Commands } from '../../../common/protocol';

// Diagram preview inside a real VS Code: the command opens the webview, the palette export goes webview → host →
// save dialog → workspace.fs, and the Markdown-preview integration stands down for VS Code's own renderer.
// Files are written outside case-studies/ so the diagnostics suites see the fixture unchanged.
const DOC = [
  '# Preview fixture',
  '',
  '## Components',
  '',
  '```mermaid',
  'flowchart LR',
  '  A[Client] --> B[API]',
  '```',
  '',
  '## Broken',
  '',
  '```mermaid',
  'flowchart TD',
  '  A -->',
  '```',
  '',
].join('\n');

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('designNotes.preview'));
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
    await vscode.commands.executeCommand(Commands.openPreview);
    const tab = await eventually('a diagram preview tab', () => previewTabs()[0]);
    assert.equal(tab.label, 'Diagrams: diagrams.md');
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'beside, not over the editor');
    // Running it again reveals the same panel instead of opening another.
    await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn });
    await vscode.commands.executeCommand(Commands.openPreview);
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
      await vscode.commands.executeCommand(Commands.exportDiagramSvg);
      const text = await readWhenWritten(target, 45_000);
      assert.match(text, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(text, /Client/);
    } finally {
      window.showSaveDialog = original;
    }
  });

  test('Open Diagram Preview with no Markdown editor in front (the walkthrough button) opens a design file and its preview', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand(Commands.openPreview);
    const editor = await eventually('a design file opened', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.fileName.endsWith('high-level-design.md')),
    );
    await eventually('its preview', () =>
      previewTabs().find((t) => t.label === `Diagrams: ${editor.document.fileName.split(/[\\/]/).pop()}`),
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('switching to a file without diagrams keeps the preview on the last file that had some', async () => {
    const plain = vscode.Uri.joinPath(workspaceRoot(), 'preview-test', 'notes.md');
    await vscode.workspace.fs.writeFile(plain, new TextEncoder().encode('# Notes\n\nNo diagrams here.\n'));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand(Commands.openPreview);
    await eventually('the preview of diagrams.md', () =>
      previewTabs().find((t) => t.label === 'Diagrams: diagrams.md'),
    );
    await vscode.window.showTextDocument(plain, { viewColumn: vscode.ViewColumn.One });
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(
      previewTabs().map((t) => t.label),
      ['Diagrams: diagrams.md'],
    );
  });

  test('palette export without the cursor in a block: the only diagram at once, else the one picked; then "Saved … [Open] [Reveal]"', async function () {
    const single = vscode.Uri.joinPath(workspaceRoot(), 'preview-test', 'single.md');
    await vscode.workspace.fs.writeFile(
      single,
      new TextEncoder().encode('# Single\n\nText first.\n\n```mermaid\nflowchart LR\n  Solo[Only One] --> B\n```\n'),
    );
    const targets = [
      vscode.Uri.joinPath(workspaceRoot(), 'preview-test', 'only.svg'),
      vscode.Uri.joinPath(workspaceRoot(), 'preview-test', 'picked.svg'),
    ];
    const window = vscode.window as {
      showSaveDialog: typeof vscode.window.showSaveDialog;
      showInformationMessage: (...args: unknown[]) => Thenable<unknown>;
      showQuickPick: (...args: unknown[]) => Thenable<unknown>;
    };
    const originals = { save: window.showSaveDialog, info: window.showInformationMessage, pick: window.showQuickPick };
    const messages: unknown[][] = [];
    const picks: string[][] = [];
    let next = 0;
    try {
      window.showSaveDialog = async () => targets[next++];
      window.showInformationMessage = async (...args: unknown[]) => {
        messages.push(args);
        return undefined;
      };
      window.showQuickPick = async (items: unknown) => {
        const list = (await items) as { label: string }[];
        picks.push(list.map((i) => i.label));
        return list[0];
      };
    } catch {
      this.skip();
    }
    if (window.showSaveDialog === originals.save) this.skip();
    try {
      const one = await vscode.window.showTextDocument(single, { viewColumn: vscode.ViewColumn.One });
      one.selection = new vscode.Selection(2, 0, 2, 0);
      await vscode.commands.executeCommand(Commands.exportDiagramSvg);
      // Label words are separate tspans in the SVG.
      assert.match(await readWhenWritten(targets[0], 45_000), /Solo[\s\S]*Only/);
      await eventually('the saved message', () => messages.find((m) => m[0] === 'Saved only.svg'));
      assert.deepEqual(messages.find((m) => m[0] === 'Saved only.svg')!.slice(1), ['Open', 'Reveal']);

      const two = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
      two.selection = new vscode.Selection(0, 0, 0, 0);
      await vscode.commands.executeCommand(Commands.exportDiagramSvg);
      await eventually('the quick pick', () => picks[0]);
      assert.deepEqual(picks[0], ['1. Components', '2. Broken']);
      assert.match(await readWhenWritten(targets[1], 45_000), /Client/);
    } finally {
      window.showSaveDialog = originals.save;
      window.showInformationMessage = originals.info;
      window.showQuickPick = originals.pick;
    }
  });

  test("the Markdown preview integration detects VS Code's own Mermaid renderer and stands down (auto)", async () => {
    // getExtension sees the extensions of this extension host only. In code-server's web worker host the built-in
    // Markdown extensions run in the Node host beside it, so there the renderer is invisible to us — and so is our
    // markdown-it plugin to the Markdown preview (it only calls plugins of its own host): nothing is drawn twice.
    // On vscode.dev every extension shares the web worker host, as in the desktop's Node host here.
    const builtIn = vscode.extensions.getExtension('vscode.mermaid-markdown-features');
    // code-server 4.139.1 (VS Code 1.139.1), which CI runs, ships it: make sure the stand-down branch is what runs there.
    const [major, minor] = vscode.version.split('.').map(Number);
    if ((major > 1 || minor >= 139) && testHost() === 'node')
      assert.ok(builtIn, `VS Code ${vscode.version} should ship vscode.mermaid-markdown-features`);
    assert.equal(findOtherMermaidRenderer(), builtIn ? 'vscode.mermaid-markdown-features' : undefined);
    // What the Markdown preview's engine actually produces, with every contributed plugin (ours included).
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', DOC);
    const markdownHere = vscode.extensions.getExtension('vscode.markdown-language-features') !== undefined;
    if (builtIn) assert.doesNotMatch(html, /dn-mermaid/, 'with the built-in renderer enabled, we add nothing');
    else if (!markdownHere)
      assert.doesNotMatch(html, /dn-mermaid/, 'the Markdown preview runs in another host and cannot call our plugin');
    else assert.match(html, /class="dn-mermaid/, 'without another renderer, our placeholder is there');
  });
});
