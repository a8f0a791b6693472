// dirname / basename / join for the absolute file-system paths the server sends, without node:path, so the helpers
// in common/ run in any runtime (extension host, web worker, browser). The style is read from the path itself, as
// node's path.posix or path.win32 would treat it: a path starting with "/" is POSIX (only "/" separates, a "\" is
// part of a name); anything else ("C:\…", "\\server\share\…") is Windows ("\" and "/" both separate).
// test/scaffold/paths.test.ts holds them to node's answers.

const isPosix = (p: string) => p.startsWith('/');
const isSeparator = (p: string, ch: string) => ch === '/' || (!isPosix(p) && ch === '\\');

/** Length of the root: "/" (POSIX), "C:\" or "C:" (drive), "\\server\share\" (UNC); 0 for a relative path. */
function rootLength(p: string): number {
  if (isPosix(p)) return 1;
  const unc = /^[\\/]{2}[^\\/]+[\\/]+[^\\/]+[\\/]?/.exec(p);
  if (unc) return unc[0].length;
  const drive = /^[A-Za-z]:[\\/]?/.exec(p);
  if (drive) return drive[0].length;
  return /^[\\/]/.test(p) ? 1 : 0;
}

/** `p` without separators at its end, never shorter than its root. */
function trimEnd(p: string): string {
  const root = rootLength(p);
  let end = p.length;
  while (end > root && isSeparator(p, p[end - 1])) end--;
  return p.slice(0, end);
}

/** The folder containing `p`; the root for the root itself (so walking up ends). */
export function dirname(p: string): string {
  const trimmed = trimEnd(p);
  const root = rootLength(trimmed);
  let i = trimmed.length - 1;
  while (i >= root && !isSeparator(trimmed, trimmed[i])) i--;
  if (i < root) return root ? trimmed.slice(0, root) : '.';
  return trimEnd(trimmed.slice(0, i)) || trimmed.slice(0, root);
}

/** The last segment of `p`. */
export function basename(p: string): string {
  const trimmed = trimEnd(p);
  const root = rootLength(trimmed);
  let i = trimmed.length - 1;
  while (i >= root && !isSeparator(trimmed, trimmed[i])) i--;
  return trimmed.slice(Math.max(i + 1, root));
}

/** `name` (one segment) inside the folder `dir`, with the folder's separator style. */
export function join(dir: string, name: string): string {
  const sep = isPosix(dir) ? '/' : '\\';
  return dir && isSeparator(dir, dir[dir.length - 1]) ? dir + name : `${dir}${sep}${name}`;
}
