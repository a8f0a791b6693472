// Path manipulation for the core without Node built-ins: the core also runs in a web worker (the browser build),
// where `node:path` does not exist. The flavour of paths is a property of the platform, like `process.platform`:
// POSIX by default (path-browserify is Node's own POSIX implementation, ported), and the core's Node adapter
// (server/core/node/platform.ts) installs Node's `path` when it is loaded, so on Windows `C:\…` paths are handled
// exactly as before. The client's helpers, which run without that adapter, use `styledPath` at the end of this file:
// dirname/basename/join that read the style from the path itself.
import posix from 'path-browserify';

/** The part of Node's `path` module the core uses. */
export interface PathFlavour {
  readonly sep: string;
  join(...parts: string[]): string;
  resolve(...parts: string[]): string;
  relative(from: string, to: string): string;
  dirname(p: string): string;
  basename(p: string, ext?: string): string;
  extname(p: string): string;
  isAbsolute(p: string): boolean;
  normalize(p: string): string;
}

/** Node's `process`, where there is one; typed here because the core is checked without Node's types. */
const nodeProcess = () => (globalThis as { process?: { cwd?: unknown } }).process;

/** POSIX paths; `resolve` starts from "/" where there is no working directory (a web worker has no `process`). */
// Built by a call marked pure, so a bundle that uses only styledPath (the clients) drops it, path-browserify with it
// (scripts/browserBuild.mjs inertPathBrowserify).
const browserPosix: PathFlavour = /* @__PURE__ */ posixFlavour();

function posixFlavour(): PathFlavour {
  return {
    ...posix,
    sep: posix.sep,
    resolve: (...parts) =>
      typeof nodeProcess()?.cwd !== 'function' ? posix.resolve('/', ...parts) : posix.resolve(...parts),
  };
}

let flavour: PathFlavour = browserPosix;

/** Sets the platform's path flavour (the Node adapter passes `node:path`). */
export function usePathFlavour(platform: PathFlavour): void {
  flavour = platform;
}

/** The platform's paths, looked up on each call so the flavour the adapter installs applies everywhere. */
export const path: PathFlavour = {
  get sep() {
    return flavour.sep;
  },
  join: (...parts) => flavour.join(...parts),
  resolve: (...parts) => flavour.resolve(...parts),
  relative: (from, to) => flavour.relative(from, to),
  dirname: (p) => flavour.dirname(p),
  basename: (p, ext) => flavour.basename(p, ext),
  extname: (p) => flavour.extname(p),
  isAbsolute: (p) => flavour.isAbsolute(p),
  normalize: (p) => flavour.normalize(p),
};

/** Whether `child` is `parent` or lies inside it (lexically: both absolute and normalized, in the platform's flavour). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/** POSIX paths whatever the platform: relative paths inside a case study, template paths, globs. */
export const posixPath: PathFlavour = browserPosix;

/** Whether file names compare without case (Windows paths), for glob matching against the disk. */
export function pathsIgnoreCase(): boolean {
  return flavour.sep === '\\';
}

// Paths whose style is read from the path itself, as node's path.posix or path.win32 would treat it, whatever the
// platform flavour installed: for the helpers in common/ that run in the extension host, a web worker or a browser
// without the core's Node adapter, on the absolute file-system paths the server sends. A path starting with "/" is
// POSIX (only "/" separates, a "\" is part of a name); anything else ("C:\…", "\\server\share\…") is Windows
// ("\" and "/" both separate). test/scaffold/paths.test.ts holds them to node's answers.

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
function dirnameOf(p: string): string {
  const trimmed = trimEnd(p);
  const root = rootLength(trimmed);
  let i = trimmed.length - 1;
  while (i >= root && !isSeparator(trimmed, trimmed[i])) i--;
  if (i < root) return root ? trimmed.slice(0, root) : '.';
  return trimEnd(trimmed.slice(0, i)) || trimmed.slice(0, root);
}

/** The last segment of `p`. */
function basenameOf(p: string): string {
  const trimmed = trimEnd(p);
  const root = rootLength(trimmed);
  let i = trimmed.length - 1;
  while (i >= root && !isSeparator(trimmed, trimmed[i])) i--;
  return trimmed.slice(Math.max(i + 1, root));
}

/** `name` (one segment) inside the folder `dir`, with the folder's separator style. */
function joinIn(dir: string, name: string): string {
  const sep = isPosix(dir) ? '/' : '\\';
  return dir && isSeparator(dir, dir[dir.length - 1]) ? dir + name : `${dir}${sep}${name}`;
}

/** dirname / basename / join of absolute paths in the style each path is written in (see above). */
export const styledPath = { dirname: dirnameOf, basename: basenameOf, join: joinIn } as const;
