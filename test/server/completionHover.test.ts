import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { writeFileSync } from 'node:fs';
import { fileUri, TestLspClient } from '../support/lspClient';
import { makeTree, removeTree } from '../support/tree';

interface Item {
  label: string;
  kind: number;
  detail?: string;
  documentation?: { kind: string; value: string };
  textEdit?: { range: unknown; newText: string };
  insertTextFormat?: number;
}
interface HoverResult {
  contents: { kind: string; value: string };
  range: unknown;
}

let root: string;
let client: TestLspClient;
const file = (rel: string) => path.join(root, rel);

before(async () => {
  root = makeTree({
    '.designnotes.json': '{ "catalog": "patterns/ours.json" }',
    'patterns/ours.json':
      '{ "patterns": [ { "id": "cell-architecture", "name": "Cell-Based Architecture", "aliases": ["cells"], "category": "reliability", "summary": "Independent cells limit the blast radius.", "related": ["bulkhead"] } ] }',
    'case-studies/chat/requirements.md': '# Chat: Requirements\n\n## Functional Requirements\n\n- Send messages.\n',
  });
  client = new TestLspClient();
  await client.initialize([root]);
  await client.idle();
});

after(async () => {
  await client.stop();
  removeTree(root);
});

interface List {
  isIncomplete: boolean;
  items: Item[];
}
const completeList = (
  p: string,
  line: number,
  character: number,
  context?: { triggerKind: number; triggerCharacter?: string },
) =>
  client.request<List>('textDocument/completion', {
    textDocument: { uri: fileUri(p) },
    position: { line, character },
    context,
  });
const complete = async (p: string, line: number, character: number) => (await completeList(p, line, character)).items;
const hover = (p: string, line: number, character: number) =>
  client.request<HoverResult | null>('textDocument/hover', {
    textDocument: { uri: fileUri(p) },
    position: { line, character },
  });

test('the server announces completion (with a # trigger) and hover', async () => {
  const probe = new TestLspClient();
  try {
    const result = (await probe.initialize([root])) as {
      capabilities: { completionProvider?: { triggerCharacters?: string[] }; hoverProvider?: boolean };
    };
    assert.deepEqual(
      result.capabilities.completionProvider?.triggerCharacters,
      ['#'],
      'no space trigger: a list opening by itself inside a diagram took the Enter after a node id',
    );
    assert.equal(result.capabilities.hoverProvider, true);
  } finally {
    await probe.stop();
  }
});

test('pattern completion in prose over LSP: exact edit and the card as documentation', async () => {
  const p = file('case-studies/chat/high-level-design.md');
  await client.open(p, '# Chat: High-Level Design\n\nWe put a circuit br\n');
  const items = await complete(p, 2, 19);
  assert.deepEqual(
    items.map((i) => i.label),
    ['Circuit Breaker'],
  );
  assert.deepEqual(items[0].textEdit, {
    range: { start: { line: 2, character: 9 }, end: { line: 2, character: 19 } },
    newText: 'Circuit Breaker',
  });
  assert.equal(items[0].kind, 18);
  assert.match(items[0].documentation!.value, /^\*\*Circuit Breaker\*\* · _Reliability_/);
});

test('completion context: a space trigger in prose opens nothing; re-asking for an incomplete list continues the name', async () => {
  const p = file('case-studies/chat/context.md');
  await client.open(p, '# Context\n\nWe put a circuit \n');
  assert.deepEqual(await completeList(p, 2, 17, { triggerKind: 2, triggerCharacter: ' ' }), {
    isIncomplete: false,
    items: [],
  });
  const again = await completeList(p, 2, 17, { triggerKind: 3 });
  assert.equal(again.isIncomplete, true);
  assert.deepEqual(
    again.items.map((i) => [i.label, i.textEdit?.newText]),
    [['Circuit Breaker', 'Circuit Breaker']],
  );
});

test('heading completion offers the missing required section of the file, after an incremental edit', async () => {
  const p = file('case-studies/chat/requirements.md');
  const text = '# Chat: Requirements\n\n## Functional Requirements\n\n- Send messages.\n';
  await client.open(p, text);
  await client.change(p, [
    { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '\n#' },
  ]);
  const items = await complete(p, 6, 1);
  assert.deepEqual(
    items.map((i) => [i.label, i.textEdit!.newText]),
    [['## Non-Functional Requirements', '## Non-Functional Requirements']],
  );
});

test('Mermaid completions in a fence and in a .mmd file', async () => {
  const p = file('case-studies/chat/diagrams.md');
  await client.open(p, '# Diagrams\n\n```mermaid\nflowchart LR\n  api \n```\n');
  const edges = await complete(p, 4, 6);
  assert.deepEqual(
    edges.map((i) => i.label),
    ['-->', '-.->', '==>', '---', '-- label -->', '-->|label|'],
  );
  // Typing opens nothing inside a diagram: a list that opened on the space after `-->` took the Enter after `db`.
  assert.deepEqual((await completeList(p, 4, 6, { triggerKind: 2, triggerCharacter: ' ' })).items, []);
  const mmd = file('case-studies/chat/flow.mmd');
  await client.open(mmd, 'seq', 'mermaid');
  const types = await complete(mmd, 0, 3);
  const seq = types.find((i) => i.label === 'sequenceDiagram');
  assert.deepEqual(seq?.textEdit, {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
    newText: 'sequenceDiagram',
  });
});

test('Mermaid: Enter after typing a node id is never taken by a component; asked for, existing node ids come first', async () => {
  const p = file('case-studies/chat/flow.md');
  const text = '# Flow\n\n```mermaid\nflowchart LR\n    client[Client] --> api[API]\n    api --> db\n```\n';
  await client.open(p, text);
  // As the editor asks while typing `api --> db` (trigger characters), or re-asks: no list, so Enter starts a new line.
  for (const character of [12, 13, 14]) {
    assert.deepEqual(
      (await completeList(p, 5, character, { triggerKind: 2, triggerCharacter: ' ' })).items,
      [],
      `at ${character}`,
    );
    assert.deepEqual((await completeList(p, 5, character, { triggerKind: 3 })).items, [], `at ${character}`);
  }
  // Ctrl+Space at `api --> d`: the diagram's nodes first (plain text, nothing preselected), then components.
  const items = (await completeList(p, 5, 13, { triggerKind: 1 })).items as (Item & {
    preselect?: boolean;
    sortText?: string;
  })[];
  const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  assert.deepEqual(
    sorted.slice(0, 3).map((i) => [i.label, i.detail]),
    [
      ['client', 'Node in this diagram'],
      ['api', 'Node in this diagram'],
      ['service', items.find((i) => i.label === 'service')!.detail],
    ],
  );
  assert.ok(items.some((i) => i.label === 'database'));
  assert.ok(items.every((i) => !i.preselect));
  // The id typed in full is not offered back (accepting it would be the only thing Enter did).
  const full = (await completeList(p, 5, 14, { triggerKind: 1 })).items;
  assert.ok(!full.some((i) => i.label === 'db'));
  await client.close(p);
});

test('hover on a pattern name gives the card and the exact range; nothing elsewhere', async () => {
  const p = file('case-studies/chat/notes.md');
  await client.open(p, '# Notes\n\nFeeds use fan-out on write today.\n');
  const h = await hover(p, 2, 15);
  assert.ok(h);
  assert.deepEqual(h.range, { start: { line: 2, character: 10 }, end: { line: 2, character: 26 } });
  assert.equal(h.contents.kind, 'markdown');
  assert.match(h.contents.value, /^\*\*Fan-out on Write\*\* · _Scalability_/);
  assert.equal(await hover(p, 2, 2), null);
});

test('the workspace catalog from .designnotes.json extends completions and hovers; its problems are published on it', async () => {
  const p = file('case-studies/chat/resilience.md');
  await client.open(p, '# Resilience\n\nWe split users into cells\n');
  const h = await hover(p, 2, 23);
  assert.match(
    h!.contents.value,
    /^\*\*Cell-Based Architecture\*\* · _Reliability_\n\nAlso known as: cells\n\nIndependent cells limit the blast radius\.\n\n\*\*Related:\*\* /,
  );
  const items = await complete(p, 2, 25);
  assert.ok(
    items.some(
      (i) =>
        i.label === 'cells' &&
        (i as Item & { labelDetails?: { description?: string } }).labelDetails?.description ===
          'Cell-Based Architecture · Reliability',
    ),
  );

  // Break the catalog on disk: the problem is published on the catalog file and the built-in catalog still works.
  const catalogPath = file('patterns/ours.json');
  const broken =
    '{ "patterns": [ { "id": "cell-architecture", "name": "Cells", "category": "resilience", "summary": "x" } ] }';
  writeFileSync(catalogPath, broken);
  const again = await hover(p, 2, 23);
  assert.equal(again, null);
  await client.waitFor(() => client.diagnosticsFor(catalogPath).length > 0, 'catalog problem');
  const d = client.diagnosticsFor(catalogPath);
  assert.equal(d.length, 1);
  assert.match(d[0].message, /^"patterns\.0\.category" must be one of .* This entry is ignored\.$/);
  assert.deepEqual(d[0].range.start, { line: 0, character: broken.indexOf('"resilience"') });
  assert.ok((await hover(p, 0, 0)) === null);
  assert.ok((await complete(p, 2, 25)).every((i) => i.label !== 'cells'));
});
