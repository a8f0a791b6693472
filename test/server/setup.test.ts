// The language server's side of issue 12's discovery: the implied-root trap (a workspace folder holding a clone
// named system-design-case-studies), the set-up offer when Markdown has no case study, and the proposal request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { CaseStudiesRequest, NoCaseStudiesNotification, ProposeConfigRequest } from '../../common/protocol';
import { TestLspClient } from '../support/lspClient';
import { CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';

test('implied root (server): a workspace folder above a clone named system-design-case-studies checks the case studies inside it, not its top-level folders', async () => {
  const root = makeTree({
    'system-design-case-studies/case-studies/chat/requirements.md': CLEAN_CASE_STUDY['requirements.md'],
    'system-design-case-studies/case-studies/chat/high-level-design.md': CLEAN_CASE_STUDY['high-level-design.md'],
    'system-design-case-studies/diagrams/overview.md': '# Overview\n',
    'system-design-case-studies/fundamentals/caching.md': '# Caching\n\nNotes.\n',
  });
  const client = new TestLspClient();
  try {
    await client.initialize([root]);
    const req = path.join(root, 'system-design-case-studies/case-studies/chat/requirements.md');
    await client.waitFor(
      () => client.diagnosticsFor(req).some((d) => d.code === 'missing-file'),
      'missing trade-offs on the real case study',
    );
    await client.idle();
    for (const loose of ['diagrams/overview.md', 'fundamentals/caching.md']) {
      assert.deepEqual(client.diagnosticsFor(path.join(root, 'system-design-case-studies', loose)), [], loose);
    }
    const overview = await client.request(CaseStudiesRequest);
    assert.deepEqual(
      overview.map((c) => c.name),
      ['chat'],
    );
  } finally {
    await client.stop();
    removeTree(root);
  }
});

test('set-up: Markdown without case studies gets one noCaseStudies offer; the proposal request answers with the init proposal and never writes', async () => {
  const files: Record<string, string> = { 'README.md': '# Primer\n' };
  for (const c of ['pastebin', 'twitter']) {
    files[`solutions/system_design/${c}/README.md`] =
      `# Design ${c}\n\n## Step 1: Outline use cases and constraints\n\n### Use cases\n\n- Post.\n\n## Step 2: Create a high level design\n\n![Imgur](http://i.imgur.com/x.png)\n\n## Step 4: Scale the design\n\nSQL rather than NoSQL.\n`;
  }
  const root = makeTree(files);
  const client = new TestLspClient();
  const offers: { workspaceFolder: string }[] = [];
  client.connection.onNotification(NoCaseStudiesNotification, (p: { workspaceFolder: string }) => void offers.push(p));
  try {
    await client.initialize([root]);
    await client.waitFor(() => offers.length > 0, 'the set-up offer');
    assert.deepEqual(offers, [{ workspaceFolder: root }]);
    const proposal = await client.request(ProposeConfigRequest, { workspaceFolder: root });
    assert.equal(proposal.configPath, path.join(root, '.designnotes.json'));
    assert.equal(proposal.exists, false);
    assert.equal(proposal.caseStudies, 2);
    assert.match(proposal.text, /"caseStudies": \["solutions\/system_design\/\*"\]/);
    assert.ok(
      proposal.summary.some((l) => /2 case studies \(2 design\)/.test(l)),
      proposal.summary.join('\n'),
    );
    assert.equal(existsSync(proposal.configPath), false, 'the server proposes; only the client writes');
    // Only workspace folders are looked at: the request is no way to read other parts of the disk.
    await assert.rejects(
      client.request(ProposeConfigRequest, { workspaceFolder: path.dirname(root) }),
      /Not a workspace folder/,
    );
    // Checked again (a settings change re-checks every folder): no second offer in the same session.
    client.settings = { enable: true, rules: { placeholder: 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.idle();
    assert.equal(offers.length, 1);
  } finally {
    await client.stop();
    removeTree(root);
  }
});

test('set-up: no offer for a workspace whose case studies are found, nor for one without Markdown', async () => {
  const workspaces: Record<string, string>[] = [
    { 'case-studies/chat/requirements.md': CLEAN_CASE_STUDY['requirements.md'] },
    { 'src/index.ts': 'export {};\n' },
  ];
  for (const files of workspaces) {
    const root = makeTree(files);
    const client = new TestLspClient();
    const offers: unknown[] = [];
    client.connection.onNotification(NoCaseStudiesNotification, (p: unknown) => void offers.push(p));
    try {
      await client.initialize([root]);
      // The offer is decided inside the folder check, so once the server is idle it would have been sent.
      await client.idle();
      assert.deepEqual(offers, [], Object.keys(files)[0]);
    } finally {
      await client.stop();
      removeTree(root);
    }
  }
});
