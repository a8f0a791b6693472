// Saves an exported diagram. The save dialog is the confirmation: the OS dialog asks before replacing an existing
// file, and nothing is written without the user choosing a target. Writes go through `workspace.fs`, so remote
// and virtual file systems work too.
import * as vscode from 'vscode';
import { exportBytes, exportFileStem } from './exportFile';
import type { ExportFormat } from '../../common/preview/messages';

export async function saveExport(
  documentUri: vscode.Uri,
  heading: string,
  index: number,
  format: ExportFormat,
  data: string,
): Promise<vscode.Uri | undefined> {
  const folder = vscode.Uri.joinPath(documentUri, '..');
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, `${exportFileStem(documentUri.path, heading, index)}.${format}`),
    filters: format === 'svg' ? { [vscode.l10n.t('SVG image')]: ['svg'] } : { [vscode.l10n.t('PNG image')]: ['png'] },
    title: format === 'svg' ? vscode.l10n.t('Export Diagram as SVG') : vscode.l10n.t('Export Diagram as PNG'),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, exportBytes(format, data));
  void announceSaved(target);
  return target;
}

/** "Saved rate-limiter-architecture.svg [Open] [Reveal]": the export is done, and one click away. */
async function announceSaved(target: vscode.Uri): Promise<void> {
  const open = vscode.l10n.t('Open');
  const reveal = vscode.l10n.t('Reveal');
  const name = target.path.split('/').pop() ?? target.path;
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}', name), open, reveal);
  if (choice === open) await vscode.commands.executeCommand('vscode.open', target);
  else if (choice === reveal) {
    // Inside the workspace, the Explorer (works in remote windows too); elsewhere, the OS file manager.
    const inWorkspace = !!vscode.workspace.getWorkspaceFolder(target);
    await vscode.commands.executeCommand(inWorkspace ? 'revealInExplorer' : 'revealFileInOS', target);
  }
}
