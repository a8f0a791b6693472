// Sends each path to the file access that can reach it: the editor (EditorFileSystem) for files it serves — all of
// them in a web worker, a virtual workspace's on the desktop — the disk for the rest, and the files shipped with
// Design Notes (built-in templates) to their own bundled file system when the disk cannot provide them.
import type { DirEntry, FileSystem, ReadFileOptions } from './core/fileSystem';

export class RoutedFileSystem implements FileSystem {
  constructor(
    private readonly disk: FileSystem | undefined,
    private readonly editor: FileSystem,
    private readonly servedByEditor: (filePath: string) => boolean,
    private readonly bundled?: { root: string; fs: FileSystem },
  ) {}

  private route(filePath: string): FileSystem {
    const b = this.bundled;
    if (b && (filePath === b.root || filePath.startsWith(`${b.root}/`))) return b.fs;
    if (!this.disk || this.servedByEditor(filePath)) return this.editor;
    return this.disk;
  }

  readFile(filePath: string, options?: ReadFileOptions): Promise<Uint8Array | undefined> {
    return this.route(filePath).readFile(filePath, options);
  }

  readDirectory(dirPath: string): Promise<DirEntry[]> {
    return this.route(dirPath).readDirectory(dirPath);
  }

  stat(filePath: string) {
    return this.route(filePath).stat(filePath);
  }

  realpath(filePath: string): Promise<string | undefined> {
    return this.route(filePath).realpath(filePath);
  }
}
