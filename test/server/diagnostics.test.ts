import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { TestLspClient } from '../support/lspClient';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';

const { 'trade-offs.md': tradeOffs, ...withoutTradeOffs } = CLEAN_CASE_STUDY;

let root: string;
let client: TestLspClient;
const req = () => path.join(root, 'case-studies/notifications/requirements.md');

before(async () => {
  root = makeTree({
    ...caseStudyFiles('notifications', withoutTradeOffs),
    ...caseStudyFiles('clean', CLEAN_CASE_STUDY),
  });
  client = new TestLspClient();
  await client.initialize([root]);
});

after(async () => {
  await client.stop();
  removeTree(root);
});

test('workspace diagnostics are published at start for files that are not open', async () => {
  await client.waitFor(() => client.diagnosticsFor(req()).length > 0, 'missing-file on requirements.md');
  const d = client.diagnosticsFor(req());
  assert.deepEqual(
    d.map((x) => [x.code, x.severity, x.source, x.message, x.range]),
    [
      [
        'missing-file',
        1,
        'design-notes',
        "Case study 'notifications' has no trade-offs.md (Trade-offs): create it, or add a 'Trade-offs' section to one of its files.",
        { start: { line: 0, character: 2 }, end: { line: 0, character: 36 } },
      ],
    ],
  );
  assert.equal(client.diagnosticsFor(path.join(root, 'case-studies/clean/requirements.md')).length, 0);
  // The server asked to watch Markdown files and the config itself.
  assert.ok(JSON.stringify(client.registrations).includes('**/*.{md,markdown,mdx,mmd,mermaid}'));
});

test('didChange: typing an unquantified NFR shows a diagnostic at the exact range; fixing it clears it', async () => {
  const file = req();
  const text = CLEAN_CASE_STUDY['requirements.md'];
  await client.open(file, text);
  await client.idle();
  const line = text.split('\n').indexOf('- p99 delivery latency under 5 s.');
  // Replace "p99 delivery latency under 5 s." with "fast delivery." (incremental change, like an editor sends).
  await client.change(file, [
    { range: { start: { line, character: 2 }, end: { line, character: 33 } }, text: 'fast delivery.' },
  ]);
  await client.waitFor(
    () => client.diagnosticsFor(file).some((d) => d.code === 'unquantified-nfr'),
    'unquantified-nfr',
  );
  const nfr = client.diagnosticsFor(file).find((d) => d.code === 'unquantified-nfr')!;
  assert.deepEqual(nfr.range, { start: { line, character: 2 }, end: { line, character: 16 } });
  assert.equal(nfr.severity, 2);
  await client.change(file, [
    { range: { start: { line, character: 2 }, end: { line, character: 16 } }, text: 'delivery within 2 s.' },
  ]);
  await client.waitFor(
    () => !client.diagnosticsFor(file).some((d) => d.code === 'unquantified-nfr'),
    'the NFR finding to clear',
  );
  // The missing-file finding is unaffected by the edits.
  assert.ok(client.diagnosticsFor(file).some((d) => d.code === 'missing-file'));
});

test('file watching: creating the missing file on disk clears missing-file; deleting it brings it back', async () => {
  const file = req();
  const created = path.join(root, 'case-studies/notifications/trade-offs.md');
  writeFileSync(created, tradeOffs);
  await client.filesChanged([{ path: created, type: 1 }]);
  await client.waitFor(
    () => !client.diagnosticsFor(file).some((d) => d.code === 'missing-file'),
    'missing-file to clear',
  );
  rmSync(created);
  await client.filesChanged([{ path: created, type: 3 }]);
  await client.waitFor(
    () => client.diagnosticsFor(file).some((d) => d.code === 'missing-file'),
    'missing-file to return',
  );
});

test('renaming a file to a recognised name (numbered, different case) counts as present', async () => {
  const file = req();
  const tmp = path.join(root, 'case-studies/notifications/draft.md');
  const renamed = path.join(root, 'case-studies/notifications/03_Trade Offs.md');
  // Only a title: a title names a document, it is not a trade-offs section, so the part is still missing.
  writeFileSync(tmp, '# Trade-offs\n\nWe picked push over pull for fan-out.\n');
  await client.filesChanged([{ path: tmp, type: 1 }]);
  await client.idle();
  assert.ok(client.diagnosticsFor(file).some((d) => d.code === 'missing-file'));
  renameSync(tmp, renamed);
  await client.filesChanged([
    { path: tmp, type: 3 },
    { path: renamed, type: 1 },
  ]);
  await client.waitFor(
    () => !client.diagnosticsFor(file).some((d) => d.code === 'missing-file'),
    'missing-file to clear after rename',
  );
});

test('a new case-study folder created on disk is found and checked', async () => {
  const folder = path.join(root, 'case-studies/chat');
  const hld = path.join(folder, 'high-level-design.md');
  makeTreeAt(folder, {
    'high-level-design.md':
      '# Chat\n\n## Architecture\n\nClients reach chat servers through a gateway; messages fan out by room.\n',
  });
  await client.filesChanged([
    { path: folder, type: 1 },
    { path: hld, type: 1 },
  ]);
  await client.waitFor(
    () => client.diagnosticsFor(hld).filter((d) => d.code === 'missing-file').length === 2,
    'two missing files for the new case study',
  );
  assert.deepEqual(
    client
      .diagnosticsFor(hld)
      .map((d) => d.code)
      .sort(),
    ['missing-file', 'missing-file', 'missing-section', 'no-diagram'],
  );
});

test('a broken .designnotes.json is reported on the config file with its position; defaults stay in force', async () => {
  const config = path.join(root, '.designnotes.json');
  writeFileSync(config, '{\n  "rules": { "missing-file": "loud" }\n}\n');
  await client.filesChanged([{ path: config, type: 1 }]);
  await client.waitFor(() => client.diagnosticsFor(config).length > 0, 'a config diagnostic');
  const [d] = client.diagnosticsFor(config);
  assert.equal(d.code, 'config');
  assert.deepEqual(d.range.start, { line: 1, character: 29 });
  assert.match(d.message, /"rules\.missing-file" must be one of/);
  // Defaults still apply: missing-file is still an error on the notifications case study.
  await client.idle();
  assert.ok(
    client
      .diagnosticsFor(path.join(root, 'case-studies/chat/high-level-design.md'))
      .some((x) => x.code === 'missing-file' && x.severity === 1),
  );
  writeFileSync(config, '{ "rules": { "missing-file": "off" } }');
  await client.filesChanged([{ path: config, type: 2 }]);
  await client.waitFor(
    () =>
      client.diagnosticsFor(config).length === 0 &&
      !client
        .diagnosticsFor(path.join(root, 'case-studies/chat/high-level-design.md'))
        .some((x) => x.code === 'missing-file'),
    'config fixed and missing-file off',
  );
  rmSync(config);
  await client.filesChanged([{ path: config, type: 3 }]);
  await client.waitFor(
    () =>
      client
        .diagnosticsFor(path.join(root, 'case-studies/chat/high-level-design.md'))
        .some((x) => x.code === 'missing-file'),
    'missing-file back after config removal',
  );
});

test('settings from the client override severities (designNotes.rules)', async () => {
  const hld = path.join(root, 'case-studies/chat/high-level-design.md');
  client.settings = { enable: true, rules: { 'no-diagram': 'off', 'missing-section': 'error' } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor(() => !client.diagnosticsFor(hld).some((d) => d.code === 'no-diagram'), 'no-diagram off');
  assert.ok(
    client
      .diagnosticsFor(hld)
      .filter((d) => d.code === 'missing-section')
      .every((d) => d.severity === 1),
  );
  client.settings = { enable: false, rules: {} };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor(() => client.diagnosticsFor(hld).length === 0, 'everything cleared when disabled');
  client.settings = { enable: true, rules: {} };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor(
    () => client.diagnosticsFor(hld).some((d) => d.code === 'no-diagram'),
    'findings back when enabled',
  );
});

function makeTreeAt(folder: string, files: Record<string, string>) {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(folder, rel);
    require('node:fs').mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

test('whenIdle also covers edits still waiting out the typing delay', async () => {
  const file = path.join(root, 'case-studies/clean/high-level-design.md');
  const text = CLEAN_CASE_STUDY['high-level-design.md'];
  await client.open(file, text);
  await client.idle();
  assert.deepEqual(client.diagnosticsFor(file), []);
  await client.change(file, [{ text: text + '\nTBD\n' }]);
  // No waiting on publications: one idle() after the edit must be enough.
  await client.idle();
  assert.deepEqual(
    client.diagnosticsFor(file).map((d) => d.code),
    ['placeholder'],
  );
  await client.close(file);
});
