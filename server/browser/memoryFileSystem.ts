// A read-only FileSystem over files held in memory: the built-in templates in the web worker server, which has no
// extension folder on disk to read them from. Paths are POSIX, under one root.
import type { DirEntry, FileStat, FileSystem, ReadFileOptions } from '../core/fileSystem';

export class ReadOnlyMemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private readonly folders = new Map<string, Map<string, 'file' | 'folder'>>();

  /** `files`: path relative to `root` ("standard/template.json") → text. */
  constructor(
    readonly root: string,
    files: Record<string, string>,
  ) {
    const encoder = new TextEncoder();
    this.folders.set(root, new Map());
    for (const [relative, text] of Object.entries(files)) {
      const parts = relative.split('/').filter((p) => p && p !== '.' && p !== '..');
      let dir = root;
      parts.forEach((name, i) => {
        const isFile = i === parts.length - 1;
        this.folders.get(dir)?.set(name, isFile ? 'file' : 'folder');
        const child = `${dir}/${name}`;
        if (isFile) this.files.set(child, encoder.encode(text));
        else if (!this.folders.has(child)) this.folders.set(child, new Map());
        dir = child;
      });
    }
  }

  async readFile(filePath: string, options?: ReadFileOptions): Promise<Uint8Array | undefined> {
    const bytes = this.files.get(filePath);
    return bytes && options?.maxBytes !== undefined ? bytes.subarray(0, options.maxBytes) : bytes;
  }

  async readDirectory(dirPath: string): Promise<DirEntry[]> {
    return [...(this.folders.get(dirPath) ?? [])].map(([name, type]) => ({ name, isFile: type === 'file', isDirectory: type === 'folder', isSymbolicLink: false }));
  }

  async stat(filePath: string): Promise<FileStat | undefined> {
    const bytes = this.files.get(filePath);
    if (bytes) return { size: bytes.length, isFile: true, isDirectory: false };
    return this.folders.has(filePath) ? { size: 0, isFile: false, isDirectory: true } : undefined;
  }

  async realpath(filePath: string): Promise<string | undefined> {
    return (await this.stat(filePath)) ? filePath : undefined;
  }
}
