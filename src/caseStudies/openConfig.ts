// "Configure Rules": open the workspace folder's .designnotes.json, creating a minimal one first when there is
// none (the walkthrough's last step). Created through a WorkspaceEdit, so it can be undone like any edit.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { uriForPath } from '../files/workspaceUris';
import { CONFIG_FILE_NAME } from '../../common/configFile';
import { workspaceReadFileSystem } from './workspaceFileSystem';
import { chooseWorkspaceFolder } from './workspaceSetup';

/** A starting point that shows where rule severities go; the manifest's jsonValidation supplies the schema. */
export const STARTER_CONFIG = `{
  "rules": {
    "placeholder": "warning"
  }
}
`;

export async function openConfig(): Promise<vscode.Uri | undefined> {
  const folder = await chooseWorkspaceFolder(
    undefined,
    vscode.l10n.t('Configure the rules of which workspace folder?'),
  );
  if (!folder) return undefined;
  const filePath = path.join(folder.uri.fsPath, CONFIG_FILE_NAME);
  const uri = uriForPath(filePath);
  if (!(await workspaceReadFileSystem.stat(filePath))) {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), STARTER_CONFIG);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not create {0} in {1}.', CONFIG_FILE_NAME, folder.name));
      return undefined;
    }
    await (await vscode.workspace.openTextDocument(uri)).save();
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}
