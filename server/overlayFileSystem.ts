import type { DirEntry, FileSystem, ReadFileOptions } from './core/fileSystem';

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

  async readFile(filePath: string, options?: ReadFileOptions): Promise<Uint8Array | undefined> {
    const text = this.open.get(filePath);
    if (text === undefined) return this.disk.readFile(filePath, options);
    const bytes = this.encoder.encode(text);
    return options?.maxBytes === undefined ? bytes : bytes.subarray(0, options.maxBytes);
  }

  readDirectory(dirPath: string): Promise<DirEntry[]> {
    return this.disk.readDirectory(dirPath);
  }

  async stat(filePath: string) {
    const text = this.open.get(filePath);
    const st = await this.disk.stat(filePath);
    if (text !== undefined && !st) return { size: text.length, isFile: true, isDirectory: false };
    return st;
  }

  realpath(filePath: string): Promise<string | undefined> {
    return this.disk.realpath(filePath);
  }
}
