// Files through the editor: in the browser (vscode.dev, github.dev, the web worker extension host) and in virtual
// workspaces the language server cannot open the workspace's files itself. The client answers these requests with
// vscode.workspace.fs, as vscode-markdown-languageservice's IWorkspace is served by the Markdown extension.
// Changes reach the server as ordinary workspace/didChangeWatchedFiles notifications (the server registers its
// watchers; the client backs them with VS Code's file-system watchers).
//
// Every request names a file by URI. The client answers only for URIs inside an open workspace folder, and bounds
// what one answer can cost (FS_LIMITS): the server is never a way to read arbitrary files through the editor.
import { RequestType } from 'vscode-jsonrpc';

export interface FsUriParams {
  uri: string;
}

/** Type and size, following symbolic links (`isSymbolicLink` says the URI itself is one); null when absent. */
export interface FsStat {
  size: number;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
  /** Last modification, milliseconds since 1970. */
  mtime: number;
}

export interface FsDirEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

export interface FsReadDirectoryResult {
  entries: FsDirEntry[];
  /** More entries than FS_LIMITS.maxDirectoryEntries: the listing was cut. */
  truncated: boolean;
}

/** File bytes as base64 (JSON-RPC carries text); null when the file is absent, unreadable, too large or outside. */
export interface FsReadFileResult {
  base64: string;
}

export const FS_LIMITS = {
  /**
   * Largest file the client sends. Above the core's own ceiling for `maxFileSize` (4,000,000 bytes), so a big note
   * is still reported by the core as "over the limit" (it looks at stat's size first), never silently absent.
   */
  maxFileBytes: 5_000_000,
  /** Entries in one directory listing: a folder of 100,000 generated files must not become one huge message. */
  maxDirectoryEntries: 10_000,
} as const;

export const FsStatRequest = new RequestType<FsUriParams, FsStat | null, void>('designNotes/fileStat');
export const FsReadFileRequest = new RequestType<FsUriParams, FsReadFileResult | null, void>('designNotes/readFile');
export const FsReadDirectoryRequest = new RequestType<FsUriParams, FsReadDirectoryResult, void>(
  'designNotes/readDirectory',
);

/**
 * Sent by the client in `initializationOptions.fileAccess`: "editor" means the server reads workspace files only
 * through the requests above (the browser, and virtual workspaces on the desktop); absent means the server may use
 * the disk for `file:` URIs.
 */
export type FileAccess = 'editor' | 'disk';
