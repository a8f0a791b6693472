// writePlan (common/scaffold/write.ts) talks to a small file-system interface; this adapter backs it, and the
// commands' few reads, with vscode.workspace.fs.
//
// Why workspace.fs and not node:fs in the extension host: it is the one code path that works wherever VS Code can
// open the folder (local disk, Remote-SSH/WSL/containers, and any file-system provider should virtual workspaces be
// enabled later), and writes go through VS Code's file service, so the Explorer, file watchers and the language
// server see new case studies at once. The price: the API has no O_EXCL create. writeFileExclusive therefore
// writes a uniquely named temporary file and moves it into place with rename({ overwrite: false }), which the file
// service refuses when the target exists (FileExists → EEXIST), so an existing file is never replaced. The check
// and the move are one file-service operation, not one syscall: a file created by another program in that
// instant could still race, which node's "wx" would close on a local disk. We accept that for remote support.
// Templates and configuration are read by the language server, which plans the files; the client only writes them.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { uriForPath } from '../files/workspaceUris';
import type { ScaffoldFileSystem } from '../../common/scaffold/write';

const CODES: Record<string, string> = {
  FileExists: 'EEXIST',
  FileNotFound: 'ENOENT',
  FileNotADirectory: 'ENOTDIR',
  FileIsADirectory: 'EISDIR',
  NoPermissions: 'EACCES',
  Unavailable: 'EIO',
};

/** A FileSystemError turned into the Node-style `code` the scaffolding's messages understand. */
export function withNodeCode(e: unknown): Error & { code?: string } {
  const err = e instanceof Error ? e : new Error(String(e));
  const vscodeCode = (e as { code?: unknown }).code;
  const code =
    typeof vscodeCode === 'string'
      ? (CODES[vscodeCode] ?? (/^E[A-Z]+$/.test(vscodeCode) ? vscodeCode : undefined))
      : undefined;
  // Some providers only say it in the message ("EACCES: permission denied").
  const fromMessage = /\b(E[A-Z]{3,})\b/.exec(err.message)?.[1];
  return Object.assign(err, { code: code ?? fromMessage });
}

const uri = (p: string) => uriForPath(p);

async function statOf(p: string): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri(p));
  } catch (e) {
    if (withNodeCode(e).code === 'ENOENT') return undefined;
    throw withNodeCode(e);
  }
}

let tempCounter = 0;

export const workspaceScaffoldFileSystem: ScaffoldFileSystem = {
  async mkdir(dirPath) {
    // createDirectory succeeds on an existing folder; writePlan needs EEXIST to refuse a taken case-study name.
    if (await statOf(dirPath)) throw Object.assign(new Error(`"${dirPath}" exists`), { code: 'EEXIST' });
    await vscode.workspace.fs
      .createDirectory(uri(dirPath))
      .then(undefined, (e: unknown) => Promise.reject(withNodeCode(e)));
  },
  async writeFileExclusive(filePath, data) {
    if (await statOf(filePath)) throw Object.assign(new Error(`"${filePath}" exists`), { code: 'EEXIST' });
    const temp = path.join(
      path.dirname(filePath),
      `.${path.basename(filePath)}.${Date.now().toString(36)}-${(tempCounter++).toString(36)}.claim`,
    );
    try {
      await vscode.workspace.fs.writeFile(uri(temp), new TextEncoder().encode(data));
      await vscode.workspace.fs.rename(uri(temp), uri(filePath), { overwrite: false });
    } catch (e) {
      await vscode.workspace.fs
        .delete(uri(temp), { recursive: false, useTrash: false })
        .then(undefined, () => undefined);
      throw withNodeCode(e);
    }
  },
  async rename(from, to) {
    await vscode.workspace.fs
      .rename(uri(from), uri(to), { overwrite: true })
      .then(undefined, (e: unknown) => Promise.reject(withNodeCode(e)));
  },
  async unlink(filePath) {
    await vscode.workspace.fs
      .delete(uri(filePath), { recursive: false, useTrash: false })
      .then(undefined, (e: unknown) => Promise.reject(withNodeCode(e)));
  },
  async rmdir(dirPath) {
    // Rollback removes only folders that are still empty: never anything someone put there meanwhile.
    const entries = await vscode.workspace.fs.readDirectory(uri(dirPath));
    if (entries.length) throw Object.assign(new Error(`"${dirPath}" is not empty`), { code: 'ENOTEMPTY' });
    await vscode.workspace.fs
      .delete(uri(dirPath), { recursive: false, useTrash: false })
      .then(undefined, (e: unknown) => Promise.reject(withNodeCode(e)));
  },
  async stat(p) {
    const st = await statOf(p);
    return st ? { isDirectory: (st.type & vscode.FileType.Directory) !== 0 } : undefined;
  },
};

/** Read-only access for the commands that read a file the user owns (the index file) or look before creating one. */
export const workspaceReadFileSystem = {
  async readFile(filePath: string): Promise<Uint8Array | undefined> {
    try {
      return await vscode.workspace.fs.readFile(uri(filePath));
    } catch {
      return undefined;
    }
  },
  async stat(filePath: string): Promise<{ size: number; isFile: boolean; isDirectory: boolean } | undefined> {
    try {
      const st = await vscode.workspace.fs.stat(uri(filePath));
      return {
        size: st.size,
        isFile: (st.type & vscode.FileType.File) !== 0,
        isDirectory: (st.type & vscode.FileType.Directory) !== 0,
      };
    } catch {
      return undefined;
    }
  },
};
