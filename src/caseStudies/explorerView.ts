// The "Case Studies" view in the Explorer: case studies with a completeness indicator, their files and sections.
// Fed only by the server's summaries (caseStudyData.ts). Refreshes on events, never on a timer: when the server
// publishes new diagnostics (it re-checks after every edit and file change) and when files are created, deleted
// or renamed; both debounced, since one save can publish for several files.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { uriForPath } from '../files/workspaceUris';
import { type CaseStudySummary, type FileSummary, type SectionSummary } from '../../common/protocol';
import { fetchCaseStudies, type ClientGetter } from './caseStudyData';
import { caseStudyState, caseStudyTooltip, describeCaseStudy, describeFile, STATE_ICONS } from './summaryText';

export const VIEW_ID = 'designNotes.caseStudies';
/** Diagnostics source the server sets on every finding. */
const DIAGNOSTIC_SOURCE = 'design-notes';
const REFRESH_DEBOUNCE_MS = 300;
const WATCHED = /\.(md|markdown|mdx|mmd|mermaid)$|(^|[\\/])\.designnotes\.json$/i;

/** Context values (package.json `view/item/context` menus match on them). */
export const CONTEXT = {
  caseStudy: 'designNotes.caseStudy',
  caseStudyWithMissingFiles: 'designNotes.caseStudy.missingFiles',
  file: 'designNotes.caseStudyFile',
  missingFile: 'designNotes.missingFile',
  section: 'designNotes.section',
} as const;

export type CaseStudyNode =
  | { type: 'caseStudy'; summary: CaseStudySummary }
  | { type: 'file'; summary: CaseStudySummary; file: FileSummary }
  | { type: 'missingFile'; summary: CaseStudySummary; fileName: string }
  | { type: 'section'; file: FileSummary; section: SectionSummary };

/** Whether a node (or command argument) is a case-study row of this view. */
export function isCaseStudyNode(
  value: unknown,
): value is Extract<CaseStudyNode, { type: 'caseStudy' | 'missingFile' }> {
  const v = value as { type?: unknown; summary?: unknown } | undefined;
  return !!v && (v.type === 'caseStudy' || v.type === 'missingFile') && typeof v.summary === 'object';
}

function openAt(filePath: string, line: number): vscode.Command {
  const position = new vscode.Position(line, 0);
  return {
    command: 'vscode.open',
    title: vscode.l10n.t('Open'),
    arguments: [
      uriForPath(filePath),
      { selection: new vscode.Range(position, position) } satisfies vscode.TextDocumentShowOptions,
    ],
  };
}

export class CaseStudyTreeProvider implements vscode.TreeDataProvider<CaseStudyNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CaseStudyNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last answer, for commands that need the list without another round trip. */
  private latest: CaseStudySummary[] = [];
  view?: vscode.TreeView<CaseStudyNode>;

  constructor(private readonly getClient: ClientGetter) {}

  get caseStudies(): readonly CaseStudySummary[] {
    return this.latest;
  }

  /** Ask for a redraw soon; several calls within the debounce window cost one server request. */
  scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire(undefined);
    }, REFRESH_DEBOUNCE_MS);
  }

  refreshNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.changed.fire(undefined);
  }

  async getChildren(node?: CaseStudyNode): Promise<CaseStudyNode[]> {
    if (!node) {
      const result = await fetchCaseStudies(this.getClient);
      if (this.view) this.view.message = result.ok ? undefined : result.reason;
      this.latest = result.ok
        ? [...result.caseStudies].sort(
            (a, b) => a.title.localeCompare(b.title, undefined, { numeric: true }) || a.path.localeCompare(b.path),
          )
        : [];
      void vscode.commands.executeCommand('setContext', 'designNotes.hasCaseStudies', this.latest.length > 0);
      return this.latest.map((summary) => ({ type: 'caseStudy', summary }));
    }
    if (node.type === 'caseStudy') {
      const files: CaseStudyNode[] = node.summary.files.map((file) => ({ type: 'file', summary: node.summary, file }));
      const missing: CaseStudyNode[] = node.summary.missingFiles.map((fileName) => ({
        type: 'missingFile',
        summary: node.summary,
        fileName,
      }));
      return [...files, ...missing];
    }
    // The first heading is the file's title (the row itself); list the sections under it.
    if (node.type === 'file')
      return node.file.sections
        .filter((s, i) => !(i === 0 && s.level === 1))
        .map((section) => ({ type: 'section', file: node.file, section }));
    return [];
  }

  getTreeItem(node: CaseStudyNode): vscode.TreeItem {
    switch (node.type) {
      case 'caseStudy': {
        const s = node.summary;
        const item = new vscode.TreeItem(s.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `cs:${s.path}`;
        item.description = describeCaseStudy(s);
        const relative = vscode.workspace.asRelativePath(s.path, true);
        item.tooltip = new vscode.MarkdownString(caseStudyTooltip(s, relative));
        const state = STATE_ICONS[caseStudyState(s)];
        item.iconPath = new vscode.ThemeIcon(state.icon, new vscode.ThemeColor(state.color));
        item.contextValue = s.missingFiles.length ? CONTEXT.caseStudyWithMissingFiles : CONTEXT.caseStudy;
        item.accessibilityInformation = {
          label: `${s.title}: ${Math.floor(s.completeness * 100)}% complete, ${describeCaseStudy(s)}`,
        };
        return item;
      }
      case 'file': {
        const f = node.file;
        const hasSections = f.sections.some((s, i) => !(i === 0 && s.level === 1));
        const item = new vscode.TreeItem(
          uriForPath(f.path),
          hasSections ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `file:${f.path}`;
        item.label = f.relative;
        item.description = describeFile(f);
        item.iconPath = vscode.ThemeIcon.File;
        item.command = openAt(f.path, 0);
        item.contextValue = CONTEXT.file;
        return item;
      }
      case 'missingFile': {
        const item = new vscode.TreeItem(node.fileName, vscode.TreeItemCollapsibleState.None);
        item.id = `missing:${node.summary.path}/${node.fileName}`;
        item.description = vscode.l10n.t('missing');
        item.tooltip = vscode.l10n.t(
          '{0} is required but not in {1}. Use "Add Missing Files" to create it from the template.',
          node.fileName,
          path.basename(node.summary.path),
        );
        item.iconPath = new vscode.ThemeIcon('diff-added', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.contextValue = CONTEXT.missingFile;
        return item;
      }
      case 'section': {
        const s = node.section;
        const item = new vscode.TreeItem(s.title, vscode.TreeItemCollapsibleState.None);
        item.id = `section:${node.file.path}:${s.line}`;
        item.description = s.empty ? vscode.l10n.t('empty') : undefined;
        item.iconPath = new vscode.ThemeIcon(s.empty ? 'circle-outline' : 'symbol-key');
        item.command = openAt(node.file.path, s.line);
        item.contextValue = CONTEXT.section;
        return item;
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}

/** Whether a diagnostics change can concern a case study: one of our files, or a file carrying our findings. */
function concernsUs(uris: readonly vscode.Uri[]): boolean {
  return uris.some(
    (uri) => WATCHED.test(uri.path) || vscode.languages.getDiagnostics(uri).some((d) => d.source === DIAGNOSTIC_SOURCE),
  );
}

/** Hidden folders (.git during a commit) and node_modules churn a lot and never hold case studies. */
function mayHoldCaseStudies(uri: vscode.Uri): boolean {
  // Relative to the workspace folder: the workspace itself may well live under a hidden folder.
  const relative = vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
  return !/(^|\/)(\.(?!designnotes\.json$)[^/]*|node_modules)(\/|$)/.test(relative);
}

export function registerExplorerView(context: vscode.ExtensionContext, getClient: ClientGetter): CaseStudyTreeProvider {
  const provider = new CaseStudyTreeProvider(getClient);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
  context.subscriptions.push(
    provider,
    view,
    watcher,
    // The server re-checks after edits and file changes and publishes the result: the view follows that.
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (concernsUs(e.uris)) provider.scheduleRefresh();
    }),
    // New or removed folders change the list of case studies even before any diagnostic changes.
    watcher.onDidCreate((uri) => {
      if (mayHoldCaseStudies(uri)) provider.scheduleRefresh();
    }),
    watcher.onDidDelete((uri) => {
      if (mayHoldCaseStudies(uri)) provider.scheduleRefresh();
    }),
    vscode.workspace.onDidRenameFiles(() => provider.scheduleRefresh()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => provider.scheduleRefresh()),
  );
  // After a (re)start the server has new data; the first request also waits for the start itself.
  void getClient().then((client) => {
    if (client) context.subscriptions.push(client.onDidChangeState(() => provider.scheduleRefresh()));
  });
  // VS Code opens every extension view in the Explorer collapsed; a user (or the demo) may ask to see it at once.
  if (vscode.workspace.getConfiguration('designNotes.caseStudies').get<boolean>('revealOnStartup', false)) {
    void vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }
  return provider;
}
