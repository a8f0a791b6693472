// designNotes/documentDiagrams over a real LSP connection: the diagram preview's only source of diagrams.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DocumentDiagramsRequest, type DocumentDiagramsResult } from '../../common/protocol/preview';
import { fileUri, TestLspClient } from '../support/lspClient';
import { makeTree, removeTree } from '../support/tree';

const DOC = [
  '# Design', //            0
  '',
  '## Components', //       2
  '```mermaid', //          3
  'flowchart LR',
  '  A --> B',
  '```', //                 6
  '',
  '- a list item:', //      8
  '',
  '  ~~~mermaid', //       10
  '  sequenceDiagram',
  '  A->>B: hi',
  '  ~~~', //              13
  '',
  '## Data', //            15
  '> ```Mermaid', //       16
  '> erDiagram',
  '> ```', //              18
  '',
  '```js', //              20
  '// ```mermaid inside another block is not a diagram',
  '```',
  '',
  '````markdown', //       24
  '```mermaid',
  'graph TD',
  '```',
  '````',
].join('\n');

let root: string;
let client: TestLspClient;

before(async () => {
  root = makeTree({
    'notes/design.md': DOC,
    'notes/arch.mmd': 'graph TD\n  A --> B\n',
    'notes/closed.md': '# C\n\n```mermaid\npie\n  "a" 1\n```\n',
  });
  client = new TestLspClient();
  await client.initialize([root]);
});

after(async () => {
  await client.stop();
  removeTree(root);
});

const ask = (file: string, version?: number) =>
  client.request<DocumentDiagramsResult | null>(DocumentDiagramsRequest.method, { uri: fileUri(file), version });

test('backtick and tilde fences, in lists and blockquotes, in order, with their heading; not inside other blocks', async () => {
  const file = path.join(root, 'notes/design.md');
  await client.open(file, DOC);
  const r = await ask(file, 1);
  assert.equal(r?.version, 1);
  assert.deepEqual(
    r!.diagrams.map((d) => ({
      i: d.index,
      line: d.line,
      content: d.contentLine,
      end: d.endLine,
      heading: d.heading,
      source: d.source,
      problems: d.problems.length,
    })),
    [
      { i: 0, line: 3, content: 4, end: 6, heading: 'Components', source: 'flowchart LR\n  A --> B\n', problems: 0 },
      {
        i: 1,
        line: 10,
        content: 11,
        end: 13,
        heading: 'Components',
        source: 'sequenceDiagram\nA->>B: hi\n',
        problems: 0,
      },
      { i: 2, line: 16, content: 17, end: 18, heading: 'Data', source: 'erDiagram\n', problems: 0 },
    ],
  );
});

test('unsaved edits: the answer is for the version the editor sent last, with the problems at the lines Problems shows', async () => {
  const file = path.join(root, 'notes/design.md');
  // Break the first diagram (not saved: the server has it from didChange only).
  await client.change(file, [
    { range: { start: { line: 5, character: 9 }, end: { line: 5, character: 9 } }, text: ' -->' },
  ]);
  const r = await ask(file, 2);
  assert.equal(r?.version, 2);
  const [problem] = r!.diagrams[0].problems;
  assert.equal(problem.severity, 'error');
  await client.waitFor(() => client.diagnosticsFor(file).some((d) => d.code === 'mermaid-syntax'), 'mermaid-syntax');
  const diagnostic = client.diagnosticsFor(file).find((d) => d.code === 'mermaid-syntax')!;
  assert.deepEqual(problem.range, diagnostic.range);
  assert.equal(problem.message, diagnostic.message);
  assert.deepEqual(
    r!.diagrams.slice(1).map((d) => d.problems),
    [[], []],
  );
});

test('a .mmd file is one diagram from line 0; a closed file is read from disk (version null); unknown files give null', async () => {
  const mmd = path.join(root, 'notes/arch.mmd');
  await client.open(mmd, 'graph TD\n  A --> B\n', 'mermaid');
  const r = await ask(mmd, 1);
  assert.deepEqual(
    r!.diagrams.map((d) => ({ line: d.line, contentLine: d.contentLine, endLine: d.endLine, source: d.source })),
    [{ line: 0, contentLine: 0, endLine: 2, source: 'graph TD\n  A --> B\n\n' }],
  );
  const closed = await ask(path.join(root, 'notes/closed.md'));
  assert.equal(closed?.version, null);
  assert.equal(closed?.diagrams.length, 1);
  assert.equal(closed?.diagrams[0].problems[0]?.range.start.line, 4, 'the pie slice without its colon');
  assert.equal(await ask(path.join(root, 'notes/missing.md')), null);
  // A closed file outside the workspace folders is not read for anyone who asks.
  const outside = makeTree({ 'secret.md': '```mermaid\npie\n  "a" : 1\n```\n' });
  try {
    assert.equal(await ask(path.join(outside, 'secret.md')), null);
  } finally {
    removeTree(outside);
  }
  assert.equal(
    await client.request(DocumentDiagramsRequest.method, { uri: 42 }),
    null,
    'bad params are answered, not thrown on',
  );
});
