import { constants as fsConstants, promises as fsp } from 'node:fs';
import * as path from 'node:path';

export interface DirEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

/**
 * The file access the core needs. The CLI uses the disk as is; the language server layers open editor buffers
 * on top, so unsaved text is what gets checked.
 */
export interface FileSystem {
  /** File bytes, or undefined when the file cannot be read (missing, unreadable, a directory). */
  readFile(filePath: string): Promise<Uint8Array | undefined>;
  readDirectory(dirPath: string): Promise<DirEntry[]>;
  /** Size and type, following symbolic links; undefined when absent. */
  stat(filePath: string): Promise<{ size: number; isFile: boolean; isDirectory: boolean } | undefined>;
  realpath(filePath: string): Promise<string | undefined>;
  /** Text already in memory (an open editor), which spares an encode/decode round trip on every keystroke. */
  readText?(filePath: string): string | undefined;
}

export const nodeFileSystem: FileSystem = {
  async readFile(filePath) {
    let handle: fsp.FileHandle | undefined;
    try {
      // Non-blocking open: opening a FIFO for reading would otherwise wait for a writer forever. Only regular files
      // are read (a character device such as /dev/zero never ends).
      handle = await fsp.open(filePath, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
      if (!(await handle.stat()).isFile()) return undefined;
      return await handle.readFile();
    } catch {
      return undefined;
    } finally {
      await handle?.close().catch(() => undefined);
    }
  },
  async readDirectory(dirPath) {
    try {
      const entries = await fsp.readdir(dirPath, { withFileTypes: true });
      const out: DirEntry[] = [];
      for (const e of entries) {
        let isFile = e.isFile();
        let isDirectory = e.isDirectory();
        if (e.isSymbolicLink()) {
          // Follow the link for its type; a dangling link is neither.
          const st = await fsp.stat(path.join(dirPath, e.name)).catch(() => undefined);
          isFile = !!st?.isFile();
          isDirectory = !!st?.isDirectory();
        }
        out.push({ name: e.name, isFile, isDirectory, isSymbolicLink: e.isSymbolicLink() });
      }
      return out;
    } catch {
      return [];
    }
  },
  async stat(filePath) {
    try {
      const st = await fsp.stat(filePath);
      return { size: st.size, isFile: st.isFile(), isDirectory: st.isDirectory() };
    } catch {
      return undefined;
    }
  },
  async realpath(filePath) {
    try {
      return await fsp.realpath(filePath);
    } catch {
      return undefined;
    }
  },
};
