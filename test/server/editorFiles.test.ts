// Files through the editor (common/protocol/fileSystem.ts): a virtual workspace (vscode-vfs://github/…, as on
// github.dev) whose files the server cannot read from disk. The test client answers the file requests from memory,
// as the extension answers them from vscode.workspace.fs; the Node server (dist/server.js) checks the workspace
// through them, publishes diagnostics on the virtual URIs, and follows watched-file changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { bytesToBase64 } from '../../common/encoding/base64';
import {
  FsReadDirectoryRequest,
  FsReadFileRequest,
  FsStatRequest,
  type FsReadDirectoryResult,
  type FsReadFileResult,
  type FsStat,
  type FsUriParams,
} from '../../common/protocol/fileSystem';
import { MemoryFileSystem } from '../../server/core/memoryFileSystem';
import { TestLspClient } from '../support/lspClient';

const ROOT = URI.parse('vscode-vfs://github/acme/designs');
const vfs = (p: string) => ROOT.with({ path: `${ROOT.path}/${p}` }).toString();

const REQUIREMENTS =
  '# Chat — Requirements\n\n## Functional Requirements\n\n- Send messages.\n\n## Non-Functional Requirements\n\n- 99.9% availability.\n';
const DESIGN =
  '# Chat — High-Level Design\n\n## Architecture\n\n```mermaid\nflowchart LR\n    a[App] --> b[Gateway\n```\n';

function serveFrom(client: TestLspClient, memory: MemoryFileSystem, asked: string[]): void {
  const pathOf = (params: FsUriParams) => {
    asked.push(params.uri);
    const uri = URI.parse(params.uri);
    // The extension serves only URIs inside a workspace folder; so does this stand-in.
    return uri.scheme === ROOT.scheme &&
      uri.authority === ROOT.authority &&
      (uri.path === ROOT.path || uri.path.startsWith(`${ROOT.path}/`))
      ? uri.path
      : undefined;
  };
  client.connection.onRequest(FsStatRequest.method, async (params: FsUriParams): Promise<FsStat | null> => {
    const p = pathOf(params);
    const st = p ? await memory.stat(p) : undefined;
    return st
      ? { size: st.size, isFile: st.isFile, isDirectory: st.isDirectory, isSymbolicLink: false, mtime: st.mtime ?? 0 }
      : null;
  });
  client.connection.onRequest(
    FsReadFileRequest.method,
    async (params: FsUriParams): Promise<FsReadFileResult | null> => {
      const p = pathOf(params);
      const bytes = p ? await memory.readFile(p) : undefined;
      return bytes ? { base64: bytesToBase64(bytes) } : null;
    },
  );
  client.connection.onRequest(
    FsReadDirectoryRequest.method,
    async (params: FsUriParams): Promise<FsReadDirectoryResult> => {
      const p = pathOf(params);
      return { entries: p ? await memory.readDirectory(p) : [], truncated: false };
    },
  );
}

test('a virtual workspace is checked through the editor: diagnostics on its URIs, Mermaid included, and watched changes followed', async () => {
  const memory = new MemoryFileSystem({
    [`${ROOT.path}/case-studies/chat/requirements.md`]: REQUIREMENTS,
    [`${ROOT.path}/case-studies/chat/high-level-design.md`]: DESIGN,
  });
  const asked: string[] = [];
  const client = new TestLspClient();
  serveFrom(client, memory, asked);
  try {
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: ROOT.toString(),
      workspaceFolders: [{ uri: ROOT.toString(), name: 'designs' }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
        },
      },
    });
    await client.connection.sendNotification('initialized', {});
    const requirements = vfs('case-studies/chat/requirements.md');
    const design = vfs('case-studies/chat/high-level-design.md');
    const codes = (uri: string) => (client.diagnostics.get(uri) ?? []).map((d) => String(d.code)).sort();
    await client.waitFor(
      () => codes(requirements).includes('missing-file') && codes(design).includes('mermaid-syntax'),
      'missing trade-offs.md and the Mermaid error, on vscode-vfs URIs',
    );
    const mermaid = (client.diagnostics.get(design) ?? []).find((d) => d.code === 'mermaid-syntax');
    assert.equal(mermaid?.range.start.line, 6, 'the unclosed [ is on the diagram line that opens it');
    assert.ok(
      !asked.some((u) => !u.startsWith(ROOT.toString())),
      `every file request stays in the workspace folder: ${asked.filter((u) => !u.startsWith(ROOT.toString())).join(', ')}`,
    );
    assert.ok(
      ![...client.diagnostics.keys()].some((u) => u.startsWith('file:')),
      'nothing is published as a file on disk',
    );

    // The user adds trade-offs.md (the editor's watcher reports it): the missing-file finding goes.
    memory.addFile(
      `${ROOT.path}/case-studies/chat/trade-offs.md`,
      '# Chat — Trade-offs\n\n## Decisions\n\n### SQL instead of NoSQL\n\nChosen for transactions. Rejected: Cassandra, because ordering per conversation is simpler in SQL.\n',
    );
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: vfs('case-studies/chat/trade-offs.md'), type: 1 }],
    });
    await client.waitFor(
      () => !codes(requirements).includes('missing-file'),
      'missing-file gone once trade-offs.md exists',
    );
  } finally {
    await client.stop();
  }
});

test('an editor that does not serve files: the virtual folder is simply empty, and the server keeps running', async () => {
  const client = new TestLspClient();
  try {
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      workspaceFolders: [{ uri: ROOT.toString(), name: 'designs' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    });
    await client.connection.sendNotification('initialized', {});
    const said = () => client.log.some((l) => /did not serve a file request/.test(l));
    for (let i = 0; i < 100 && !said(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(said(), `the server says why it sees no files: ${client.log.join('')}`);
    await client.idle();
    assert.deepEqual([...client.diagnostics.values()].flat(), []);
    assert.equal(client.log.filter((l) => /did not serve a file request/.test(l)).length, 1, 'said once, not per file');
  } finally {
    await client.stop();
  }
});
