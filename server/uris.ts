import { URI } from 'vscode-uri';

/** File-system path of a file: URI; undefined for other schemes (untitled buffers, virtual file systems). */
export function uriToPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}

/** Findings carry file-system paths, or the URI itself for documents that are not files. */
export function pathToUri(p: string): string {
  return /^[a-z][a-z0-9+.-]+:/i.test(p) && !/^[a-z]:[\\/]/i.test(p) ? p : URI.file(p).toString();
}
