import { URI } from 'vscode-uri';

// The core works on paths. Files on disk are their file-system paths; files the editor serves (a web worker server,
// a virtual workspace such as vscode-vfs://github/owner/repo) are the URI's path, with the scheme and authority of
// their workspace folder kept here to turn paths back into URIs. Only one such scheme+authority is supported at a
// time (all of vscode.dev's or code-server's folders share one); folders of another one are not checked.
let editorBase: { scheme: string; authority: string } | undefined;
let editorRoots: string[] = [];
/** In a web worker every URI is the editor's, file: included: there is no disk and no fsPath to use. */
let noDisk = false;

/**
 * Called with the workspace folders' URIs at initialize and when they change. Returns the folders as paths (the
 * roots the core checks), dropping folders the server cannot reach.
 */
export function setWorkspaceFolderUris(uris: string[], options: { noDisk?: boolean } = {}): string[] {
  noDisk = options.noDisk ?? noDisk;
  const parsed = uris.map((u) => safeParse(u)).filter((u): u is URI => !!u);
  const editorFolders = parsed.filter((u) => noDisk || u.scheme !== 'file');
  editorBase = editorFolders[0]
    ? { scheme: editorFolders[0].scheme, authority: editorFolders[0].authority }
    : undefined;
  editorRoots = editorFolders.filter((u) => isEditorBase(u)).map((u) => trimSlash(u.path));
  return uris.map((u) => uriToPath(u)).filter((p): p is string => !!p);
}

/** Whether a path is served by the editor (inside a folder of the editor's scheme) rather than the disk. */
export function isEditorPath(p: string): boolean {
  return noDisk || editorRoots.some((root) => p === root || p.startsWith(root === '/' ? root : `${root}/`));
}

/** Path of a URI the server can read; undefined for others (untitled buffers, a second virtual scheme). */
export function uriToPath(uri: string): string | undefined {
  const parsed = safeParse(uri);
  if (!parsed) return undefined;
  if (isEditorBase(parsed)) return parsed.path;
  return parsed.scheme === 'file' && !noDisk ? parsed.fsPath : undefined;
}

/** Findings carry paths, or the URI itself for documents that are not files. */
export function pathToUri(p: string): string {
  if (/^[a-z][a-z0-9+.-]+:/i.test(p) && !/^[a-z]:[\\/]/i.test(p)) return p;
  if (editorBase && isEditorPath(p))
    return URI.from({ scheme: editorBase.scheme, authority: editorBase.authority, path: p }).toString();
  return URI.file(p).toString();
}

function isEditorBase(u: URI): boolean {
  return !!editorBase && u.scheme === editorBase.scheme && u.authority === editorBase.authority;
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

function safeParse(uri: string): URI | undefined {
  try {
    return URI.parse(uri);
  } catch {
    return undefined;
  }
}
