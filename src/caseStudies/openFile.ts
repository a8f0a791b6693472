// Opening a freshly created file where the user has to start writing: after the first "<!-- write here" prompt.
import * as vscode from 'vscode';
import { uriForPath } from '../files/workspaceUris';
import { writingPosition } from '../../common/scaffold/writingPosition';

export async function openAtFirstPlaceholder(filePath: string, content?: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uriForPath(filePath));
  const at = writingPosition(content ?? document.getText());
  const position = at ? new vscode.Position(at.line, at.character) : new vscode.Position(0, 0);
  const editor = await vscode.window.showTextDocument(document, {
    preview: false,
    selection: new vscode.Range(position, position),
  });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
