import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileUri, TestLspClient } from '../support/lspClient';
import { applyEdits } from '../support/applyEdits';
import { CLEAN_CASE_STUDY, caseStudyFiles, makeTree, removeTree } from '../support/tree';

interface Hint {
  position: { line: number; character: number };
  label: string;
}
interface HoverResult {
  contents: { kind: string; value: string };
}
interface Action {
  title: string;
  edit?: {
    changes?: Record<
      string,
      {
        range: { start: { line: number; character: number }; end: { line: number; character: number } };
        newText: string;
      }[]
    >;
  };
}

const ESTIMATES = `# Capacity estimates

- Storage: 5B × 500 bytes = **250 GB**
- Peak: 100M × 10 ÷ 86,400 s ≈ 11.6K QPS
- Draft: 1,157 writes/s × 200 bytes
`;

let root: string;
let client: TestLspClient;
let file: string;
const whole = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
const hints = (range = whole) =>
  client.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri: fileUri(file) }, range });
const hover = (line: number, character: number) =>
  client.request<HoverResult | null>('textDocument/hover', {
    textDocument: { uri: fileUri(file) },
    position: { line, character },
  });

before(async () => {
  root = makeTree({
    ...caseStudyFiles('shortener', CLEAN_CASE_STUDY),
    'case-studies/shortener/estimates.md': ESTIMATES,
  });
  file = path.join(root, 'case-studies/shortener/estimates.md');
  client = new TestLspClient();
  await client.initialize([root], {
    workspace: {
      configuration: true,
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceFolders: true,
      inlayHint: { refreshSupport: true },
    },
  });
  await client.open(file, ESTIMATES);
  await client.idle();
});

after(async () => {
  await client.stop();
  removeTree(root);
});

test('the server announces inlay hints', async () => {
  const probe = new TestLspClient();
  try {
    const result = (await probe.initialize([root])) as { capabilities: { inlayHintProvider?: unknown } };
    assert.ok(result.capabilities.inlayHintProvider);
  } finally {
    await probe.stop();
  }
});

test('estimate-math: a wrong stated result is a warning with the computed value and the factor', async () => {
  await client.waitFor(
    () => client.diagnosticsFor(file).some((d) => d.code === 'estimate-math'),
    'estimate-math diagnostic',
  );
  const found = client.diagnosticsFor(file).filter((d) => d.code === 'estimate-math');
  assert.deepEqual(
    found.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity, d.message]),
    [[2, 30, 36, 2, '5B × 500 bytes = 2.5 TB, not 250 GB (10× too small).']],
  );
});

test('inlay hints: the computed value after each expression, also where no result is written', async () => {
  const got = (await hints()).map((h) => [h.position.line, h.position.character, h.label]);
  assert.deepEqual(got, [
    [2, 25, '= 2.5 TB'],
    [3, 28, '= 11,574/s'],
    [4, 35, '= 231 KB/s'],
  ]);
  // Only the requested range.
  assert.deepEqual(
    (await hints({ start: { line: 4, character: 0 }, end: { line: 5, character: 0 } })).map((h) => h.label),
    ['= 231 KB/s'],
  );
});

test('inlay hints follow typing: an expression followed by "=" gets its value after the "="', async () => {
  const draft = ESTIMATES + '- New: 100M × 1 KB =\n';
  await client.change(file, [{ text: draft }]);
  const last = (await hints()).at(-1)!;
  assert.deepEqual([last.position, last.label], [{ line: 5, character: 20 }, '100 GB']);
  await client.change(file, [{ text: ESTIMATES }]);
  await client.idle();
});

test('hover on a stated result shows the steps with units and the verdict; on an expression, the steps', async () => {
  const stated = await hover(3, 36);
  assert.ok(stated, 'hover on 11.6K QPS');
  assert.match(stated.contents.value, /100M × 10 = \*\*1B\*\*/);
  assert.match(stated.contents.value, /÷ 86,400 s = \*\*11,574\/s\*\*/);
  assert.match(stated.contents.value, /matches \(within 20 %\)/);
  const wrong = await hover(2, 32);
  assert.ok(wrong);
  assert.match(wrong.contents.value, /Stated 250 GB: \*\*10× too small\*\*; computed \*\*2\.5 TB\*\*/);
  const expr = await hover(4, 12);
  assert.ok(expr);
  assert.match(expr.contents.value, /1,157 writes\/s × 200 bytes = \*\*231 KB\/s\*\*/);
});

test("the quick fix writes the computed result in the user's unit", async () => {
  const diagnostic = client.diagnosticsFor(file).find((d) => d.code === 'estimate-math')!;
  const actions = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: fileUri(file) },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
  const fix = actions.find((a) => a.title === 'Change the result to 2,500 GB');
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  const fixed = applyEdits(ESTIMATES, fix.edit!.changes![fileUri(file)]);
  assert.equal(fixed.split('\n')[2], '- Storage: 5B × 500 bytes = **2,500 GB**');
  await client.change(file, [{ text: fixed }]);
  await client.idle();
  await client.waitFor(() => !client.diagnosticsFor(file).some((d) => d.code === 'estimate-math'), 'the finding to go');
  await client.change(file, [{ text: ESTIMATES }]);
  await client.idle();
});

test('designNotes.estimates.inlayHints turns the hints off, and the server asks the editor to refresh them', async () => {
  let refreshed = 0;
  client.connection.onRequest('workspace/inlayHint/refresh', () => {
    refreshed++;
    return null;
  });
  client.settings = { enable: true, rules: {}, estimates: { inlayHints: false } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await client.idle();
  assert.deepEqual(await hints(), []);
  assert.ok(refreshed >= 1);
  // The rule still reports: the setting is about hints only.
  assert.ok(client.diagnosticsFor(file).some((d) => d.code === 'estimate-math'));
  client.settings = { enable: true, rules: {} };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await client.idle();
  assert.equal((await hints()).length, 3);
});
