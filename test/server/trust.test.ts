import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { WorkspaceTrustedNotification } from '../../common/protocol';
import { TestLspClient, fileUri } from '../support/lspClient';
import { makeTree, removeTree } from '../support/tree';

const CAPS = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
};

/** The text the missing-file quick fix would write for trade-offs.md, with the given trust. */
async function tradeOffsFix(trusted: boolean | undefined, grantLater = false): Promise<string> {
  const root = makeTree({
    '.designnotes.json': '{ "templates": "team-templates" }',
    'team-templates/ours/trade-offs.md': '# OUR TEAM TEMPLATE\n',
    'case-studies/chat/requirements.md':
      '# Chat\n\n## Functional Requirements\n\n- Chat.\n\n## Non-Functional Requirements\n\n- 99.9% availability.\n',
  });
  const client = new TestLspClient();
  try {
    await client.initialize([root], CAPS, trusted === undefined ? undefined : { trusted });
    if (grantLater) await client.connection.sendNotification(WorkspaceTrustedNotification);
    const file = path.join(root, 'case-studies/chat/requirements.md');
    await client.waitFor(
      () => client.diagnosticsFor(file).some((d) => d.code === 'missing-file' && d.message.includes('trade-offs.md')),
      'missing trade-offs.md',
    );
    const diagnostic = client.diagnosticsFor(file).find((d) => d.message.includes('trade-offs.md'))!;
    await client.open(file, require('node:fs').readFileSync(file, 'utf8'));
    const actions = await client.request<
      { title: string; edit: { documentChanges: { edits?: { newText: string }[] }[] } }[]
    >('textDocument/codeAction', {
      textDocument: { uri: fileUri(file) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    const create = actions.find((a) => a.title === 'Create trade-offs.md from its template')!;
    return create.edit.documentChanges[1].edits![0].newText;
  } finally {
    await client.stop();
    removeTree(root);
  }
}

test('Restricted Mode: quick fixes ignore the workspace template folder until trust is granted', async () => {
  assert.match(await tradeOffsFix(false), /^# Chat — Trade-offs/, 'untrusted: built-in template');
  assert.equal(await tradeOffsFix(false, true), '# OUR TEAM TEMPLATE\n', 'trust granted later: the team template');
  assert.equal(await tradeOffsFix(true), '# OUR TEAM TEMPLATE\n');
  assert.equal(
    await tradeOffsFix(undefined),
    '# OUR TEAM TEMPLATE\n',
    'editors without workspace trust are trusted, like the CLI',
  );
});
