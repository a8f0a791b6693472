// Saves an exported diagram. The save dialog is the confirmation: the OS dialog asks before replacing an existing
// file, and nothing is written without the user choosing a target. Writes go through `workspace.fs`, so remote
// and virtual file systems work too.
import * as vscode from 'vscode';
import type { ExportFormat } from './protocol';

/** File-name stem for a diagram: the heading it sits under, else its position ("diagram-3"). */
export function exportFileStem(documentPath: string, heading: string, index: number): string {
  const base = documentPath.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '');
  const slug = heading
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base}-${slug || `diagram-${index + 1}`}`;
}

export function exportBytes(format: ExportFormat, data: string): Uint8Array {
  if (format === 'svg') return new TextEncoder().encode(data);
  return Uint8Array.from(Buffer.from(data.slice('data:image/png;base64,'.length), 'base64'));
}

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
