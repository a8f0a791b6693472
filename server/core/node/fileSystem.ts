// The core's file access on the real disk: the FileSystem of server/core/fileSystem.ts over node:fs.
import {
  closeSync,
  constants as fsConstants,
  type Stats,
  fstatSync,
  openSync,
  promises as fsp,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import * as path from 'node:path';
import type { DirEntry, FileStat, FileSystem } from '../fileSystem';
import './platform';

export type { DirEntry, FileStat, FileSystem } from '../fileSystem';

/**
 * A directory entry with a symbolic link's type taken from its target (`target`, the stat of the link's target):
 * a dangling, looping or unreadable link is neither a file nor a folder.
 */
function toDirEntry(
  e: { name: string; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean },
  target: { isFile(): boolean; isDirectory(): boolean } | undefined,
): DirEntry {
  const link = e.isSymbolicLink();
  return {
    name: e.name,
    isFile: link ? !!target?.isFile() : e.isFile(),
    isDirectory: link ? !!target?.isDirectory() : e.isDirectory(),
    isSymbolicLink: link,
  };
}

export const nodeFileSystem: FileSystem = {
  async readFile(filePath, options) {
    let handle: fsp.FileHandle | undefined;
    try {
      // Non-blocking open: opening a FIFO for reading would otherwise wait for a writer forever. Only regular files
      // are read (a character device such as /dev/zero never ends).
      handle = await fsp.open(filePath, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
      if (!(await handle.stat()).isFile()) return undefined;
      if (options?.maxBytes === undefined) return await handle.readFile();
      const buffer = Buffer.alloc(options.maxBytes);
      let length = 0;
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (!bytesRead) break;
        length += bytesRead;
      }
      return buffer.subarray(0, length);
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
        const target = e.isSymbolicLink()
          ? await fsp.stat(path.join(dirPath, e.name)).catch(() => undefined)
          : undefined;
        out.push(toDirEntry(e, target));
      }
      return out;
    } catch {
      return [];
    }
  },
  async stat(filePath) {
    try {
      const st = await fsp.stat(filePath);
      return toFileStat(st);
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

/**
 * The same file access with synchronous calls, for the CLI. A workspace check awaits its reads one after the other
 * (stat, open, fstat, read, close per file); with the asynchronous API each of those is a round trip through
 * libuv's thread pool, and profiling the CLI on 3,000 files showed the main thread idle most of the run waiting for
 * them. A command-line run has nothing else to do meanwhile, so blocking calls are simply faster. The language
 * server keeps nodeFileSystem: it must stay responsive while it reads.
 */
export const syncNodeFileSystem: FileSystem = {
  async readFile(filePath, options) {
    let fd: number | undefined;
    try {
      // Same guards as nodeFileSystem: non-blocking open (a FIFO never blocks), only regular files are read.
      fd = openSync(filePath, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
      if (!fstatSync(fd).isFile()) return undefined;
      if (options?.maxBytes === undefined) return readFileSync(fd);
      const buffer = Buffer.alloc(options.maxBytes);
      let length = 0;
      while (length < buffer.length) {
        const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
        if (!bytesRead) break;
        length += bytesRead;
      }
      return buffer.subarray(0, length);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) {
        try {
          closeSync(fd);
        } catch {
          // Nothing useful to do about a failed close of a read-only descriptor.
        }
      }
    }
  },
  async readDirectory(dirPath) {
    try {
      return readdirSync(dirPath, { withFileTypes: true }).map((e) =>
        toDirEntry(e, e.isSymbolicLink() ? statOrUndefined(path.join(dirPath, e.name)) : undefined),
      );
    } catch {
      return [];
    }
  },
  async stat(filePath) {
    const st = statOrUndefined(filePath);
    return st && toFileStat(st);
  },
  async realpath(filePath) {
    try {
      // The native variant, like fsp.realpath (both are the C library's realpath).
      return realpathSync.native(filePath);
    } catch {
      return undefined;
    }
  },
};

function statOrUndefined(filePath: string): Stats | undefined {
  try {
    return statSync(filePath, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function toFileStat(st: Stats): FileStat {
  return { size: st.size, isFile: st.isFile(), isDirectory: st.isDirectory(), mtime: st.mtimeMs };
}
