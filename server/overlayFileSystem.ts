import type { DirEntry, FileStat, FileSystem, ReadFileOptions } from './core/fileSystem';

/**
 * The disk, with the text of open editors laid over it: what the user sees in the editor is what gets checked,
 * saved or not. Directory listings come from the disk (an unsaved new file is not part of the folder yet).
 */
export class OverlayFileSystem implements FileSystem {
  private readonly open = new Map<string, string>();
  private readonly encoder = new TextEncoder();

  constructor(private readonly disk: FileSystem) {}

  setOpen(filePath: string, text: string): void {
    this.open.set(filePath, text);
  }

  close(filePath: string): void {
    this.open.delete(filePath);
  }

  readText(filePath: string): string | undefined {
    return this.open.get(filePath);
  }

  /** At most `maxBytes` bytes, as every FileSystem: the open text's UTF-8 bytes cut there, else the disk's own read. */
  async readFile(filePath: string, options?: ReadFileOptions): Promise<Uint8Array | undefined> {
    const text = this.open.get(filePath);
    if (text === undefined) return this.disk.readFile(filePath, options);
    const bytes = this.encoder.encode(text);
    return options?.maxBytes === undefined ? bytes : bytes.subarray(0, options.maxBytes);
  }

  readDirectory(dirPath: string): Promise<DirEntry[]> {
    return this.disk.readDirectory(dirPath);
  }

  /** An open file is the editor's text: its size is that text's, in UTF-8 bytes (what readFile returns), not the disk's. */
  async stat(filePath: string): Promise<FileStat | undefined> {
    const text = this.open.get(filePath);
    const st = await this.disk.stat(filePath);
    if (text === undefined) return st;
    const size = this.encoder.encode(text).length;
    return { size, isFile: true, isDirectory: false, ...(st?.mtime !== undefined ? { mtime: st.mtime } : {}) };
  }

  realpath(filePath: string): Promise<string | undefined> {
    return this.disk.realpath(filePath);
  }
}
