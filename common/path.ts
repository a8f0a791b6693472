// Path manipulation for the core without Node built-ins: the core also runs in a web worker (the browser build),
// where `node:path` does not exist. The flavour of paths is a property of the platform, like `process.platform`:
// POSIX by default (path-browserify is Node's own POSIX implementation, ported), and the core's Node adapter
// (server/core/node/platform.ts) installs Node's `path` when it is loaded, so on Windows `C:\…` paths are handled
// exactly as before. (common/paths.ts is the smaller kit the client's helpers use: dirname/basename/join that read
// the style from the path itself.)
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
const browserPosix: PathFlavour = {
  ...posix,
  sep: posix.sep,
  resolve: (...parts) =>
    typeof nodeProcess()?.cwd !== 'function' ? posix.resolve('/', ...parts) : posix.resolve(...parts),
};

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
