// Diagram preview panels: one webview per previewed file, several at once. The most recently opened panel
// follows the active editor (like VS Code's own Markdown preview); older panels stay on their file.
import * as vscode from 'vscode';
import { DiagramStore, PREVIEW_VIEW_TYPE, diagramIndexAt, isPreviewable } from './diagrams';
import { saveExport } from './export';
import { buildPreviewHtml, createNonce } from './html';
import {
  parseWebviewMessage,
  type DocumentDiagram,
  type ExportFormat,
  type HostMessage,
  type PreviewState,
  type WebviewMessage,
} from '../../common/preview/messages';

function settings() {
  const c = vscode.workspace.getConfiguration('designNotes.preview');
  return {
    follow: c.get<boolean>('followActiveEditor', true),
    delay: Math.max(0, c.get<number>('updateDelay', 300)),
    syncCursor: c.get<boolean>('highlightCursorDiagram', true),
  };
}

class PreviewPanel implements vscode.Disposable {
  private ready = false;
  private diagrams: DocumentDiagram[] = [];
  private highlighted: number | null = null;
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly readyWaiters: (() => void)[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** The last refresh started: the webview shows the current document only once it has posted its update. */
  private latestRefresh: Promise<void> = Promise.resolve();

  constructor(
    readonly panel: vscode.WebviewPanel,
    public uri: vscode.Uri,
    extensionUri: vscode.Uri,
    private readonly store: DiagramStore,
    private readonly onDispose: (p: PreviewPanel) => void,
  ) {
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      // Only the extension's own scripts and styles; never the workspace.
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
    };
    webview.html = buildPreviewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      mermaidScriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'mermaid.min.js')).toString(),
      previewScriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'preview', 'preview.css')).toString(),
    });
    this.setTitle();
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'preview', 'icon-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'preview', 'icon-dark.svg'),
    };
    this.disposables.push(
      webview.onDidReceiveMessage((raw) => {
        const message = parseWebviewMessage(raw);
        if (message) void this.handle(message);
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private setTitle(): void {
    this.panel.title = previewTitle(this.uri);
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  async setDocument(uri: vscode.Uri): Promise<void> {
    this.uri = uri;
    this.highlighted = null;
    this.setTitle();
    await this.refresh();
  }

  /** Re-reads the document and sends its diagrams (the webview re-renders only the ones that changed). */
  refresh(): Promise<void> {
    clearTimeout(this.updateTimer);
    this.latestRefresh = this.postDiagrams();
    return this.latestRefresh;
  }

  /**
   * Resolves once the webview has been sent the diagrams of the document it now follows. The diagrams come from
   * the server asynchronously, so right after a switch to another file the webview still shows the previous one;
   * an export asked for before the update would save the previous file's diagram under the new file's name.
   */
  async whenCurrent(): Promise<void> {
    let settled: Promise<void>;
    do {
      settled = this.latestRefresh;
      await settled;
    } while (settled !== this.latestRefresh);
  }

  private async postDiagrams(): Promise<void> {
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(this.uri);
    } catch {
      return;
    }
    if (document.uri.toString() !== this.uri.toString()) return;
    const answer = await this.store.of(document);
    // No answer (the server is not running): keep what is shown. Another file by now: its own refresh posts.
    if (!answer || document.uri.toString() !== this.uri.toString()) return;
    this.diagrams = answer.diagrams;
    if (!this.ready) return;
    this.post({
      type: 'update',
      uri: this.uri.toString(),
      fileName: this.uri.path.split('/').pop() ?? '',
      version: answer.version ?? document.version,
      diagrams: this.diagrams,
      ...(answer.skipped ? { skipped: answer.skipped } : {}),
    });
    this.post({ type: 'highlight', index: this.highlighted, reveal: false });
  }

  /** Debounced refresh while the user types. */
  scheduleRefresh(delay: number): void {
    clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => void this.refresh(), delay);
  }

  highlight(index: number | null): void {
    if (index === this.highlighted) return;
    this.highlighted = index;
    if (this.ready) this.post({ type: 'highlight', index, reveal: index !== null });
  }

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  requestExport(index: number, format: ExportFormat): void {
    this.post({ type: 'requestExport', index, format });
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        this.readyWaiters.splice(0).forEach((r) => r());
        break;
      case 'reveal':
        await this.reveal(message.index);
        break;
      case 'copySource': {
        const d = this.diagrams[message.index];
        if (d) {
          await vscode.env.clipboard.writeText(d.source);
          void vscode.window.setStatusBarMessage(vscode.l10n.t('Mermaid source copied'), 3000);
        }
        break;
      }
      case 'export': {
        const d = this.diagrams[message.index];
        try {
          await saveExport(this.uri, d?.heading ?? '', message.index, message.format, message.data);
        } catch (e) {
          void vscode.window.showErrorMessage(
            vscode.l10n.t('Could not save the diagram: {0}', e instanceof Error ? e.message : String(e)),
          );
        }
        break;
      }
      case 'exportFailed':
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Could not export diagram {0}: {1}', message.index + 1, message.message),
        );
        break;
      case 'rendered':
        break;
    }
  }

  private async reveal(index: number): Promise<void> {
    const d = this.diagrams[index];
    if (!d) return;
    const document = await vscode.workspace.openTextDocument(this.uri);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
    const position = new vscode.Position(d.contentLine, 0);
    await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: new vscode.Range(position, position),
    });
  }

  dispose(): void {
    clearTimeout(this.updateTimer);
    this.disposables.splice(0).forEach((d) => d.dispose());
    this.onDispose(this);
  }
}

export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Set<PreviewPanel>();
  /** The panel that follows the active editor: the one opened (or restored) last. */
  private follower: PreviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: DiagramStore,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => void this.onActiveEditor(editor)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        const delay = settings().delay;
        for (const p of this.panelsFor(e.document.uri)) p.scheduleRefresh(delay);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => void this.onSelection(e.textEditor)),
      vscode.workspace.onDidRenameFiles((e) => {
        for (const { oldUri, newUri } of e.files) for (const p of this.panelsFor(oldUri)) void p.setDocument(newUri);
      }),
    );
  }

  private panelsFor(uri: vscode.Uri): PreviewPanel[] {
    const key = uri.toString();
    return [...this.panels].filter((p) => p.uri.toString() === key);
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri): PreviewPanel {
    const p = new PreviewPanel(panel, uri, this.extensionUri, this.store, (gone) => {
      this.panels.delete(gone);
      if (this.follower === gone) this.follower = [...this.panels].pop();
    });
    this.panels.add(p);
    this.follower = p;
    // Ticks the walkthrough's "preview a diagram" step, however the preview was opened (palette, title bar, button).
    void vscode.commands.executeCommand('setContext', 'designNotes.previewOpened', true);
    return p;
  }

  /** Opens (or reveals) the preview of `uri` beside the editor. */
  open(uri: vscode.Uri, preserveFocus = false): PreviewPanel {
    const existing = this.panelsFor(uri)[0];
    if (existing) {
      existing.panel.reveal(undefined, preserveFocus);
      return existing;
    }
    // Created with its final title: a rename right after creation reaches the tab later (seen in the web worker
    // host, where the tab first showed a bare "Diagrams").
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      previewTitle(uri),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [
          vscode.Uri.joinPath(this.extensionUri, 'media'),
          vscode.Uri.joinPath(this.extensionUri, 'dist'),
        ],
      },
    );
    return this.adopt(panel, uri);
  }

  /** Webview serializer hook: re-attaches a panel VS Code restored after a reload. */
  restore(panel: vscode.WebviewPanel, state: PreviewState | undefined): void {
    if (!state?.uri) {
      panel.dispose();
      return;
    }
    this.adopt(panel, vscode.Uri.parse(state.uri, true));
  }

  private async onActiveEditor(editor: vscode.TextEditor | undefined): Promise<void> {
    if (!editor || !isPreviewable(editor.document) || !this.follower || !settings().follow) return;
    if (this.panelsFor(editor.document.uri).length) return;
    // A file without diagrams (requirements.md, say) would only show "0 diagrams": keep the last file that had some.
    if (!(await this.store.of(editor.document))?.diagrams.length) return;
    // The user may have moved on while the server answered.
    if (vscode.window.activeTextEditor !== editor || !this.follower || this.panelsFor(editor.document.uri).length)
      return;
    void this.follower.setDocument(editor.document.uri);
  }

  private async onSelection(editor: vscode.TextEditor): Promise<void> {
    if (!settings().syncCursor) return;
    if (!this.panelsFor(editor.document.uri).length) return;
    const diagrams = (await this.store.of(editor.document))?.diagrams;
    if (!diagrams) return;
    const index = diagramIndexAt(diagrams, editor.selection.active.line);
    for (const p of this.panelsFor(editor.document.uri)) p.highlight(index);
  }

  /**
   * Palette export: the diagram under the cursor of the active editor; else the file's only diagram; else the one
   * the user picks from the file's diagrams.
   */
  async exportUnderCursor(format: ExportFormat): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isPreviewable(editor.document)) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Open a Markdown or Mermaid file with a diagram to export it.'),
      );
      return;
    }
    const answer = await this.store.of(editor.document);
    if (!answer) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The Design Notes language server is not running, so the diagrams of this file are not known.'),
      );
      return;
    }
    const diagrams = answer.diagrams;
    let index = diagramIndexAt(diagrams, editor.selection.active.line);
    if (index === null) {
      if (!diagrams.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This file has no ```mermaid diagram to export.'));
        return;
      }
      if (diagrams.length === 1) index = 0;
      else {
        const picked = await vscode.window.showQuickPick(
          diagrams.map((d) => ({
            label: `${d.index + 1}. ${d.heading || vscode.l10n.t('Diagram')}`,
            description: vscode.l10n.t('line {0}', d.line + 1),
            detail: d.source.split('\n')[0],
            index: d.index,
          })),
          {
            title: format === 'svg' ? vscode.l10n.t('Export Diagram as SVG') : vscode.l10n.t('Export Diagram as PNG'),
            placeHolder: vscode.l10n.t('Which diagram?'),
          },
        );
        if (!picked) return;
        index = picked.index;
      }
    }
    // Rendering needs the webview; open the preview beside without taking focus if it is not open yet.
    const panel = this.open(editor.document.uri, true);
    await panel.whenReady();
    // The follower may still be switching to this file (its diagrams on their way from the server).
    await panel.whenCurrent();
    panel.requestExport(index, format);
  }

  dispose(): void {
    this.disposables.splice(0).forEach((d) => d.dispose());
    for (const p of [...this.panels]) p.panel.dispose();
  }
}

/** The preview tab's title: the file it shows. */
function previewTitle(uri: vscode.Uri): string {
  return vscode.l10n.t('Diagrams: {0}', uri.path.split('/').pop() ?? '');
}
