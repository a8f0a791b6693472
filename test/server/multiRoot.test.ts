import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { TestLspClient, fileUri } from '../support/lspClient';
import { makeTree, removeTree } from '../support/tree';

test('multi-root: each workspace folder has its own config; a removed folder has its diagnostics cleared', async () => {
  const req =
    '# R\n\n## Functional Requirements\n\n- Do things.\n\n## Non-Functional Requirements\n\n- 99.9% availability.\n';
  const a = makeTree({ 'case-studies/alpha/requirements.md': req }, 'dn root a ');
  const b = makeTree(
    { '.designnotes.json': '{ "rules": { "missing-file": "off" } }', 'case-studies/béta/requirements.md': req },
    'dn-root-b-ü-',
  );
  const client = new TestLspClient();
  try {
    await client.initialize([a, b]);
    const fileA = path.join(a, 'case-studies/alpha/requirements.md');
    const fileB = path.join(b, 'case-studies/béta/requirements.md');
    await client.waitFor(() => client.diagnosticsFor(fileA).length === 2, 'two missing files in folder a');
    await client.idle();
    assert.deepEqual(client.diagnosticsFor(fileB), [], 'folder b turned missing-file off');
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [], removed: [{ uri: fileUri(a), name: path.basename(a) }] },
    });
    await client.waitFor(() => client.diagnosticsFor(fileA).length === 0, 'folder a cleared after removal');
  } finally {
    await client.stop();
    removeTree(a);
    removeTree(b);
  }
});
