// "Generate Case Study Index": a table of the workspace folder's case studies, written between the index markers
// of a Markdown file (default: the case-study root's README.md). The rows (titles, dates, status, links) come from
// the language server (IndexRowsRequest, which reads each requirements file's metadata); the table and the
// splice are plain text work (common/indexTable.ts); here we apply the one edit as a
// WorkspaceEdit, so it lands in the editor's undo stack and nothing outside the markers is touched.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { uriForPath } from '../files/workspaceUris';
import { renderIndexTable, spliceIndex } from '../../common/indexTable';
import type { ClientGetter } from './caseStudyData';
import { requestCaseStudyRoot, requestIndexRows, ServerUnavailableError } from './serverRequests';
import { workspaceReadFileSystem } from './workspaceFileSystem';
import { chooseWorkspaceFolder } from './workspaceSetup';

export interface GenerateIndexArgs {
  /** File to write the index into; default: ask, suggesting the case-study root's README.md. */
  target?: vscode.Uri;
}

export interface GenerateIndexResult {
  status: 'written' | 'unchanged' | 'cancelled' | 'failed';
  target?: string;
  rows?: number;
  message?: string;
}

/** Text of a file as the user sees it: the open editor's buffer when there is one, else the disk. */
async function currentText(filePath: string): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uriForPath(filePath).toString());
  if (open) return open.getText();
  const bytes = await workspaceReadFileSystem.readFile(filePath);
  return bytes ? new TextDecoder().decode(bytes) : undefined;
}

interface TargetPick extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

async function chooseTarget(root: string, workspaceFolder: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
  const readme = path.join(root, 'README.md');
  const exists = !!(await workspaceReadFileSystem.stat(readme));
  const items: TargetPick[] = [
    {
      label: vscode.workspace.asRelativePath(readme, (vscode.workspace.workspaceFolders?.length ?? 0) > 1),
      description: exists ? vscode.l10n.t('update the index block') : vscode.l10n.t('create'),
      uri: uriForPath(readme),
    },
    { label: vscode.l10n.t('Choose Another Markdown File…') },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t(
      'Write the case-study index into which file? Only the part between the index markers is changed.',
    ),
  });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({
    defaultUri: workspaceFolder.uri,
    canSelectMany: false,
    filters: { Markdown: ['md', 'markdown'] },
    openLabel: vscode.l10n.t('Write Index Here'),
  });
  return chosen?.[0];
}

export async function generateIndex(
  getClient: ClientGetter,
  arg?: vscode.Uri | GenerateIndexArgs,
): Promise<GenerateIndexResult> {
  try {
    return await writeIndex(getClient, arg);
  } catch (e) {
    if (!(e instanceof ServerUnavailableError)) throw e;
    void vscode.window.showErrorMessage(e.message);
    return { status: 'failed', message: e.message };
  }
}

async function writeIndex(getClient: ClientGetter, arg?: vscode.Uri | GenerateIndexArgs): Promise<GenerateIndexResult> {
  const explicit = arg instanceof vscode.Uri ? arg : arg?.target;
  const workspaceFolder = await chooseWorkspaceFolder(
    explicit,
    vscode.l10n.t('Index the case studies of which workspace folder?'),
  );
  if (!workspaceFolder) return { status: 'cancelled' };
  // Asked only when there is a choice to offer: an explicit target needs no case-study root.
  const target =
    explicit ??
    (await chooseTarget(
      (await requestCaseStudyRoot(getClient, { workspaceFolder: workspaceFolder.uri.fsPath })).folder,
      workspaceFolder,
    ));
  if (!target) return { status: 'cancelled' };

  const rows = await requestIndexRows(getClient, {
    workspaceFolder: workspaceFolder.uri.fsPath,
    indexFolder: path.dirname(target.fsPath),
  });
  const existing = await currentText(target.fsPath);
  const eol = existing?.includes('\r\n') ? '\r\n' : '\n';
  const heading = existing === undefined ? `# Case Studies${eol}${eol}` : '';
  const splice = spliceIndex(existing ?? '', renderIndexTable(rows, eol));
  if (!splice.ok) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('The index was not written to {0}: {1}', path.basename(target.fsPath), splice.error),
    );
    return { status: 'failed', target: target.fsPath, message: splice.error };
  }
  if (!splice.changed) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('The case-study index in {0} is up to date.', path.basename(target.fsPath)),
    );
    return { status: 'unchanged', target: target.fsPath, rows: rows.length };
  }

  const edit = new vscode.WorkspaceEdit();
  if (existing === undefined) {
    edit.createFile(target, { ignoreIfExists: true });
    edit.insert(target, new vscode.Position(0, 0), heading + splice.text);
  } else {
    const document = await vscode.workspace.openTextDocument(target);
    edit.replace(
      target,
      new vscode.Range(document.positionAt(splice.edit.start), document.positionAt(splice.edit.end)),
      splice.edit.newText,
    );
  }
  const wasDirty = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString())?.isDirty ?? false;
  if (!(await vscode.workspace.applyEdit(edit))) {
    const message = vscode.l10n.t('VS Code could not apply the index edit to {0}.', path.basename(target.fsPath));
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', target: target.fsPath, message };
  }
  const document = await vscode.workspace.openTextDocument(target);
  // Save only what we changed: a file that already had unsaved edits stays unsaved, so we never save the user's
  // half-finished work behind their back. Undo (Ctrl+Z) in the editor reverts the index either way.
  if (!wasDirty) await document.save();
  const start = document.positionAt(existing === undefined ? heading.length : splice.edit.start);
  await vscode.window.showTextDocument(document, { preview: false, selection: new vscode.Range(start, start) });
  return { status: 'written', target: target.fsPath, rows: rows.length };
}
