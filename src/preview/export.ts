// Saves an exported diagram. The save dialog is the confirmation: the OS dialog asks before replacing an existing
// file, and nothing is written without the user choosing a target. Writes go through `workspace.fs`, so remote
// and virtual file systems work too.
import * as vscode from 'vscode';
import { exportBytes, exportFileStem } from './exportFile';
import type { ExportFormat } from './protocol';

export async function saveExport(documentUri: vscode.Uri, heading: string, index: number, format: ExportFormat, data: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.Uri.joinPath(documentUri, '..');
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, `${exportFileStem(documentUri.path, heading, index)}.${format}`),
    filters: format === 'svg' ? { [vscode.l10n.t('SVG image')]: ['svg'] } : { [vscode.l10n.t('PNG image')]: ['png'] },
    title: format === 'svg' ? vscode.l10n.t('Export Diagram as SVG') : vscode.l10n.t('Export Diagram as PNG'),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, exportBytes(format, data));
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Diagram saved to {0}', vscode.workspace.asRelativePath(target)), 4000);
  return target;
}
