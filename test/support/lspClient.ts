import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type RequestType,
  type RequestType0,
} from 'vscode-jsonrpc/node';
import { WhenIdleRequest } from '../../common/protocol';
import { SERVER_NODE_FLAGS } from '../../common/serverProcess';
import { URI } from 'vscode-uri';

export const SERVER_JS = path.resolve(__dirname, '../../dist/server.js');

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  data?: unknown;
  relatedInformation?: { location: { uri: string }; message: string }[];
}

export const fileUri = (p: string) => URI.file(p).toString();

/**
 * A real LSP client for tests: starts the built server as a child process over stdio and speaks JSON-RPC to it.
 * Nothing is mocked; the client side answers the requests a real editor answers (configuration, registrations).
 */
export class TestLspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly log: string[] = [];
  readonly registrations: unknown[] = [];
  /** window/showDocument requests the server made. */
  readonly shownDocuments: { uri: string; takeFocus?: boolean }[] = [];
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  settings: Record<string, unknown> = { enable: true, rules: {} };
  readonly connection: MessageConnection;
  readonly process: ChildProcess;

  constructor(extraArgs: string[] = []) {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run "npm run build" first.`);
    // With the flags the extension starts it with (common/serverProcess.ts), so tests and bench see what ships.
    this.process = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_JS, '--stdio', ...extraArgs], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.process.stderr!.on('data', (d) => this.log.push(String(d)));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; diagnostics: Diagnostic[] }) => {
        this.diagnostics.set(p.uri, p.diagnostics);
        const w = this.waiters;
        this.waiters = [];
        w.forEach((f) => f());
      },
    );
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.log.push(p.message);
    });
    this.connection.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map(() => this.settings),
    );
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('window/showDocument', (p: { uri: string; takeFocus?: boolean }) => {
      this.shownDocuments.push(p);
      return { success: true };
    });
    this.connection.listen();
  }

  async initialize(
    roots: string[],
    capabilities: Record<string, unknown> = {},
    initializationOptions?: unknown,
  ): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      ...(initializationOptions !== undefined ? { initializationOptions } : {}),
      rootUri: roots[0] ? fileUri(roots[0]) : null,
      workspaceFolders: roots.map((r) => ({ uri: fileUri(r), name: path.basename(r) })),
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
            dataSupport: true,
            resolveSupport: { properties: ['edit'] },
          },
        },
        ...capabilities,
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves once the server has finished every check queued so far. */
  async idle(): Promise<void> {
    await this.connection.sendRequest(WhenIdleRequest);
  }

  diagnosticsFor(filePath: string): Diagnostic[] {
    return this.diagnostics.get(fileUri(filePath)) ?? [];
  }

  /** Wait until `predicate` holds for the published diagnostics (checked after each publication), or time out. */
  async waitFor(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `Timed out waiting for ${what}. Diagnostics: ${JSON.stringify([...this.diagnostics], null, 1).slice(0, 4000)}\nServer log: ${this.log.join('').slice(0, 2000)}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async open(filePath: string, text: string, languageId = 'markdown'): Promise<void> {
    this.versions.set(filePath, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: fileUri(filePath), languageId, version: 1, text },
    });
  }

  async change(
    filePath: string,
    changes: ({ text: string } | { range: Diagnostic['range']; text: string })[],
  ): Promise<void> {
    const version = (this.versions.get(filePath) ?? 1) + 1;
    this.versions.set(filePath, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: fileUri(filePath), version },
      contentChanges: changes,
    });
  }

  async close(filePath: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: fileUri(filePath) } });
  }

  async filesChanged(changes: { path: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: changes.map((c) => ({ uri: fileUri(c.path), type: c.type })),
    });
  }

  /** A request of common/protocol, typed by it; or any method with any params (LSP requests, malformed input). */
  request<R>(type: RequestType0<R, void>): Promise<R>;
  request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  request<T>(method: string, params: unknown): Promise<T>;
  request(
    type: string | RequestType0<unknown, void> | RequestType<unknown, unknown, void>,
    params?: unknown,
  ): Promise<unknown> {
    if (typeof type === 'string') return this.connection.sendRequest(type, params);
    return type.numberOfParams === 0
      ? this.connection.sendRequest(type as RequestType0<unknown, void>)
      : this.connection.sendRequest(type as RequestType<unknown, unknown, void>, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; the kill below makes sure.
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill('SIGKILL');
  }
}
