// The core's FileSystem served by the editor over the protocol (common/protocol/fileSystem.ts): used where the
// server cannot read the workspace itself — in a web worker (vscode.dev, github.dev) and for virtual workspaces.
// Like the disk adapters it never throws: what cannot be read is absent, so a dropped connection or a client that
// does not implement the requests (another LSP editor) degrades to "no files", never to a crashed check.
import { base64ToBytes } from '../common/encoding/base64';
import {
  FsReadDirectoryRequest,
  FsReadFileRequest,
  FsStatRequest,
  type FsReadDirectoryResult,
  type FsReadFileResult,
  type FsStat,
  type FsUriParams,
} from '../common/protocol/fileSystem';
import type { DirEntry, FileStat, FileSystem, ReadFileOptions } from './core/fileSystem';

/** What the server needs from its connection: one request sender (connection.sendRequest fits). */
export interface EditorRequests {
  // By method name: the server's vscode-languageserver carries its own copy of the protocol package, whose
  // RequestType is a different type from the one common/protocol is written with.
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

export class EditorFileSystem implements FileSystem {
  constructor(
    private readonly connection: EditorRequests,
    /** Server path → URI the editor knows (server/uris.ts pathToUri). */
    private readonly toUri: (filePath: string) => string,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  async readFile(filePath: string, options?: ReadFileOptions): Promise<Uint8Array | undefined> {
    const result = await this.ask(
      () =>
        this.connection.sendRequest<FsReadFileResult | null>(FsReadFileRequest.method, {
          uri: this.toUri(filePath),
        } satisfies FsUriParams),
      null,
    );
    if (!result || typeof result.base64 !== 'string') return undefined;
    try {
      const bytes = base64ToBytes(result.base64);
      return options?.maxBytes !== undefined && bytes.length > options.maxBytes
        ? bytes.subarray(0, options.maxBytes)
        : bytes;
    } catch {
      this.log(`Design Notes: the editor sent unreadable bytes for ${filePath}`);
      return undefined;
    }
  }

  async readDirectory(dirPath: string): Promise<DirEntry[]> {
    const result = await this.ask(
      () =>
        this.connection.sendRequest<FsReadDirectoryResult>(FsReadDirectoryRequest.method, {
          uri: this.toUri(dirPath),
        } satisfies FsUriParams),
      { entries: [], truncated: false },
    );
    if (result.truncated)
      this.log(
        `Design Notes: ${dirPath} has more entries than the editor lists at once; only the first ${result.entries.length} are checked`,
      );
    return Array.isArray(result.entries)
      ? result.entries.map((e) => ({
          name: String(e.name),
          isFile: !!e.isFile,
          isDirectory: !!e.isDirectory,
          isSymbolicLink: !!e.isSymbolicLink,
        }))
      : [];
  }

  async stat(filePath: string): Promise<FileStat | undefined> {
    const st = await this.ask(
      () =>
        this.connection.sendRequest<FsStat | null>(FsStatRequest.method, {
          uri: this.toUri(filePath),
        } satisfies FsUriParams),
      null,
    );
    return st
      ? {
          size: Number(st.size) || 0,
          isFile: !!st.isFile,
          isDirectory: !!st.isDirectory,
          mtime: Number.isFinite(st.mtime) ? st.mtime : undefined,
        }
      : undefined;
  }

  /**
   * workspace.fs has no realpath. The core uses it to visit a folder once and to keep links from leading outside a
   * root; the client already refuses anything outside the workspace folders and does not read symbolic links, so
   * the path itself is the honest answer.
   */
  async realpath(filePath: string): Promise<string | undefined> {
    return (await this.stat(filePath)) ? filePath : undefined;
  }

  private warned = false;

  private async ask<T>(send: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return (await send()) ?? fallback;
    } catch (e) {
      // Said once: an editor without these requests would otherwise log every file of the workspace.
      if (!this.warned)
        this.log(
          `Design Notes: the editor did not serve a file request (files it does not serve count as absent): ${e instanceof Error ? e.message : String(e)}`,
        );
      this.warned = true;
      return fallback;
    }
  }
}
