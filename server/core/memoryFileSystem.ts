// Files held in memory, behind the same interfaces as the disk: the core's FileSystem (reads) and the scaffolding
// writer's ScaffoldFileSystem. For tests where the disk is not the point, and for hosts with no disk of their own
// (the browser build can fill one). It models what the Node adapter reports — stat types and sizes in bytes,
// undefined for anything absent, directory entries sorted by name (the disk gives no order; callers that care
// sort) — and has no symbolic links, FIFOs or permissions: tests of those use the disk (test/core/fileSystemContract).
import type { DirEntry, FileStat, FileSystem, ReadFileOptions } from './fileSystem';
import { path } from '../../common/path';
import type { ScaffoldFileSystem } from '../../common/scaffold/write';

type Node = { kind: 'file'; bytes: Uint8Array; mtime: number } | { kind: 'dir'; mtime: number };

/** An error like Node's: the `code` (ENOENT, EEXIST, ENOTDIR, ENOTEMPTY, EISDIR) is what callers look at. */
function fsError(code: string, message: string, at: string): Error {
  return Object.assign(new Error(`${code}: ${message}, '${at}'`), { code, path: at });
}

export class MemoryFileSystem implements FileSystem, ScaffoldFileSystem {
  private readonly nodes = new Map<string, Node>();
  private readonly encoder = new TextEncoder();

  /**
   * `files`: absolute path → content (text is stored as UTF-8); every parent folder exists. A path ending in "/"
   * with empty content is an empty folder.
   */
  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, content] of Object.entries(files)) {
      if (/[\\/]$/.test(p) && content === '') this.addFolder(p);
      else this.addFile(p, content);
    }
  }

  /** Writes a file, creating its folders; replaces a file already there. */
  addFile(filePath: string, content: string | Uint8Array): void {
    const p = this.key(filePath);
    this.addFolder(path.dirname(p));
    if (this.nodes.get(p)?.kind === 'dir') throw fsError('EISDIR', 'illegal operation on a directory', p);
    this.nodes.set(p, {
      kind: 'file',
      bytes: typeof content === 'string' ? this.encoder.encode(content) : content,
      mtime: Date.now(),
    });
  }

  /** Creates a folder and its parents (like mkdir -p). */
  addFolder(dirPath: string): void {
    const p = this.key(dirPath);
    for (let at = p; ; at = path.dirname(at)) {
      const node = this.nodes.get(at);
      if (node?.kind === 'file') throw fsError('ENOTDIR', 'not a directory', at);
      if (node) break;
      this.nodes.set(at, { kind: 'dir', mtime: Date.now() });
      if (path.dirname(at) === at) break;
    }
  }

  /** A file's text (UTF-8), or undefined: for assertions on what was written. */
  text(filePath: string): string | undefined {
    const node = this.nodes.get(this.key(filePath));
    return node?.kind === 'file' ? new TextDecoder().decode(node.bytes) : undefined;
  }

  /** Every file's path under `root`, sorted. */
  files(root = path.resolve('/')): string[] {
    const r = this.key(root);
    return [...this.nodes]
      .filter(([p, n]) => n.kind === 'file' && isWithin(p, r))
      .map(([p]) => p)
      .sort();
  }

  // FileSystem

  async readFile(filePath: string, options?: ReadFileOptions): Promise<Uint8Array | undefined> {
    const node = this.nodes.get(this.key(filePath));
    if (node?.kind !== 'file') return undefined;
    const bytes = options?.maxBytes !== undefined ? node.bytes.subarray(0, options.maxBytes) : node.bytes;
    // A copy, as a read from disk is: a caller changing the buffer does not change the file.
    return bytes.slice();
  }

  async readDirectory(dirPath: string): Promise<DirEntry[]> {
    const dir = this.key(dirPath);
    if (this.nodes.get(dir)?.kind !== 'dir') return [];
    const out: DirEntry[] = [];
    for (const [p, node] of this.nodes) {
      if (p === dir || path.dirname(p) !== dir) continue;
      out.push({
        name: path.basename(p),
        isFile: node.kind === 'file',
        isDirectory: node.kind === 'dir',
        isSymbolicLink: false,
      });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async stat(filePath: string): Promise<FileStat | undefined> {
    const node = this.nodes.get(this.key(filePath));
    if (!node) return undefined;
    return {
      size: node.kind === 'file' ? node.bytes.length : 0,
      isFile: node.kind === 'file',
      isDirectory: node.kind === 'dir',
      mtime: node.mtime,
    };
  }

  async realpath(filePath: string): Promise<string | undefined> {
    const p = this.key(filePath);
    return this.nodes.has(p) ? p : undefined;
  }

  // ScaffoldFileSystem: the same failures, with the same codes, as the Node adapter (server/core/node/).

  async mkdir(dirPath: string): Promise<void> {
    const p = this.key(dirPath);
    if (this.nodes.has(p)) throw fsError('EEXIST', 'file already exists', p);
    this.parentFolder(p);
    this.nodes.set(p, { kind: 'dir', mtime: Date.now() });
  }

  async writeFileExclusive(filePath: string, data: string): Promise<void> {
    const p = this.key(filePath);
    if (this.nodes.has(p)) throw fsError('EEXIST', 'file already exists', p);
    this.parentFolder(p);
    this.nodes.set(p, { kind: 'file', bytes: this.encoder.encode(data), mtime: Date.now() });
  }

  async rename(from: string, to: string): Promise<void> {
    const a = this.key(from);
    const b = this.key(to);
    const node = this.nodes.get(a);
    if (!node) throw fsError('ENOENT', 'no such file or directory', a);
    this.parentFolder(b);
    const target = this.nodes.get(b);
    if (target?.kind === 'dir' && (node.kind === 'file' || this.hasChildren(b)))
      throw fsError(node.kind === 'file' ? 'EISDIR' : 'ENOTEMPTY', 'cannot replace', b);
    if (target?.kind === 'file' && node.kind === 'dir') throw fsError('ENOTDIR', 'not a directory', b);
    if (node.kind === 'dir' && isWithin(b, a)) throw fsError('EINVAL', 'invalid argument', b);
    // Move the node and everything under it.
    for (const [p, n] of [...this.nodes]) {
      if (!isWithin(p, a)) continue;
      this.nodes.delete(p);
      this.nodes.set(b + p.slice(a.length), n);
    }
  }

  async unlink(filePath: string): Promise<void> {
    const p = this.key(filePath);
    const node = this.nodes.get(p);
    if (!node) throw fsError('ENOENT', 'no such file or directory', p);
    if (node.kind === 'dir') throw fsError('EISDIR', 'illegal operation on a directory', p);
    this.nodes.delete(p);
  }

  async rmdir(dirPath: string): Promise<void> {
    const p = this.key(dirPath);
    const node = this.nodes.get(p);
    if (!node) throw fsError('ENOENT', 'no such file or directory', p);
    if (node.kind !== 'dir') throw fsError('ENOTDIR', 'not a directory', p);
    if (this.hasChildren(p)) throw fsError('ENOTEMPTY', 'directory not empty', p);
    this.nodes.delete(p);
  }

  private key(p: string): string {
    // Absolute and normalised, without a trailing separator (except the root itself).
    return path.resolve(p);
  }

  private parentFolder(p: string): void {
    const parent = this.nodes.get(path.dirname(p));
    if (!parent) throw fsError('ENOENT', 'no such file or directory', p);
    if (parent.kind !== 'dir') throw fsError('ENOTDIR', 'not a directory', p);
  }

  private hasChildren(dir: string): boolean {
    for (const p of this.nodes.keys()) if (p !== dir && path.dirname(p) === dir) return true;
    return false;
  }
}

function isWithin(p: string, root: string): boolean {
  if (p === root) return true;
  return p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
