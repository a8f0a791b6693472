// Paths the language server hands the client (case-study folders, planned files) are file-system paths on the
// desktop and the URI's path for files the editor serves (the browser, virtual workspaces): see server/uris.ts.
// This turns one back into a URI: inside a folder of another scheme it gets that folder's scheme and authority,
// otherwise it is a file on disk, as before.
import * as vscode from 'vscode';

export function uriForPath(p: string): vscode.Uri {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const root = folder.uri;
    if (root.scheme === 'file') continue;
    const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
    if (p === root.path || p.startsWith(base)) return root.with({ path: p, query: '', fragment: '' });
  }
  return vscode.Uri.file(p);
}
