// The file access the core needs, as an interface: the core never reads the disk itself. The Node implementations
// are in server/core/node/ (the server and the CLI pass them in), the extension's over vscode.workspace.fs in
// src/caseStudies/workspaceFileSystem.ts, and an in-memory one for tests in memoryFileSystem.ts.

export interface DirEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

/** What `stat` reports: size and type, following symbolic links; `mtime` in milliseconds when the platform knows it. */
export interface FileStat {
  size: number;
  isFile: boolean;
  isDirectory: boolean;
  mtime?: number;
}

export interface ReadFileOptions {
  /**
   * Read at most this many bytes: a longer file comes back cut at `maxBytes` (ask for limit + 1 bytes to tell a file
   * over the limit). The size `stat` reports is not trusted for this (files under /proc report 0 and are longer).
   */
  maxBytes?: number;
}

/**
 * The file access the core needs. The CLI uses the disk as is; the language server layers open editor buffers
 * on top, so unsaved text is what gets checked.
 */
export interface FileSystem {
  /**
   * File bytes, or undefined when the file cannot be read (missing, unreadable, a directory). Only regular files are
   * read: a FIFO or a device never blocks the read and never streams forever.
   */
  readFile(filePath: string, options?: ReadFileOptions): Promise<Uint8Array | undefined>;
  /** The entries of a folder, a symbolic link typed by its target (a dangling link is neither); [] when unreadable. */
  readDirectory(dirPath: string): Promise<DirEntry[]>;
  /** Size and type, following symbolic links; undefined when absent. */
  stat(filePath: string): Promise<FileStat | undefined>;
  /** The path with every symbolic link resolved; undefined when it does not exist. */
  realpath(filePath: string): Promise<string | undefined>;
  /** Text already in memory (an open editor), which spares an encode/decode round trip on every keystroke. */
  readText?(filePath: string): string | undefined;
}
