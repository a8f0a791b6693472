// The client side of "files through the editor" (common/protocol/fileSystem.ts): answers the language server's
// file requests with vscode.workspace.fs. Used by the web worker server (it has no disk) and, on the desktop, for
// virtual workspaces (vscode-vfs://github/…), whose files only VS Code's file-system providers can read.
//
// Bounded, because the requests come from another process: only URIs inside an open workspace folder are served
// (no "..", no other scheme or authority), symbolic links are not read (a link inside the workspace may point out
// of it, and workspace.fs has no realpath to check where), files above FS_LIMITS.maxFileBytes are not sent, and a
// listing stops at FS_LIMITS.maxDirectoryEntries.
import * as vscode from 'vscode';
import { bytesToBase64 } from '../../common/encoding/base64';
import {
  FS_LIMITS,
  FsReadDirectoryRequest,
  FsReadFileRequest,
  FsStatRequest,
  type FsDirEntry,
  type FsReadDirectoryResult,
  type FsReadFileResult,
  type FsStat,
  type FsUriParams,
} from '../../common/protocol/fileSystem';

/** What this needs from a language client (both vscode-languageclient/node and /browser fit). */
export interface RequestHandlerHost {
  onRequest(method: string, handler: (params: FsUriParams) => Promise<unknown>): vscode.Disposable;
}

/** The URI of a request, when it lies inside an open workspace folder; undefined otherwise. */
export function servedUri(raw: unknown): vscode.Uri | undefined {
  if (typeof raw !== 'string' || raw.length > 4096) return undefined;
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(raw, true);
  } catch {
    return undefined;
  }
  if (uri.path.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const root = folder.uri;
    if (root.scheme !== uri.scheme || root.authority !== uri.authority) continue;
    const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
    if (uri.path === root.path || uri.path.startsWith(base)) return uri;
  }
  return undefined;
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}

export async function serveStat(params: FsUriParams): Promise<FsStat | null> {
  const uri = servedUri(params?.uri);
  const st = uri && (await statOf(uri));
  if (!st) return null;
  return {
    size: st.size,
    isFile: (st.type & vscode.FileType.File) !== 0,
    isDirectory: (st.type & vscode.FileType.Directory) !== 0,
    isSymbolicLink: (st.type & vscode.FileType.SymbolicLink) !== 0,
    mtime: st.mtime,
  };
}

export async function serveReadFile(params: FsUriParams): Promise<FsReadFileResult | null> {
  const uri = servedUri(params?.uri);
  const st = uri && (await statOf(uri));
  if (!uri || !st || (st.type & vscode.FileType.SymbolicLink) !== 0 || (st.type & vscode.FileType.File) === 0)
    return null;
  if (st.size > FS_LIMITS.maxFileBytes) return null;
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    // The size may have grown since stat: the limit holds for what is sent.
    return bytes.length > FS_LIMITS.maxFileBytes ? null : { base64: bytesToBase64(bytes) };
  } catch {
    return null;
  }
}

export async function serveReadDirectory(params: FsUriParams): Promise<FsReadDirectoryResult> {
  const uri = servedUri(params?.uri);
  if (!uri) return { entries: [], truncated: false };
  let listing: [string, vscode.FileType][];
  try {
    listing = await vscode.workspace.fs.readDirectory(uri);
  } catch {
    return { entries: [], truncated: false };
  }
  const entries = listing.slice(0, FS_LIMITS.maxDirectoryEntries).map(([name, type]): FsDirEntry => ({
    name,
    isFile: (type & vscode.FileType.File) !== 0,
    isDirectory: (type & vscode.FileType.Directory) !== 0,
    isSymbolicLink: (type & vscode.FileType.SymbolicLink) !== 0,
  }));
  return { entries, truncated: listing.length > entries.length };
}

/** Registers the handlers on a client (call before it starts: the server asks during its first check). */
export function serveFileSystem(client: RequestHandlerHost): vscode.Disposable[] {
  return [
    client.onRequest(FsStatRequest.method, serveStat),
    client.onRequest(FsReadFileRequest.method, serveReadFile),
    client.onRequest(FsReadDirectoryRequest.method, serveReadDirectory),
  ];
}
