import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mermaidCompletions } from '../../server/core/language/mermaidCompletions';
import { DOCUMENT_BUILDERS, withCursor, type DocumentBuilder } from './documents';

function suite(kind: string, build: DocumentBuilder): void {
  function at(textWithCursor: string, wholeFile = false) {
    const { text, position } = withCursor(textWithCursor);
    return mermaidCompletions(build(text), position, { wholeFile });
  }
  const labels = (items: ReturnType<typeof at>) => items.map((i) => i.label);

  test(kind + ': ' + 'on the first line of a mermaid fence, diagram types replace what is typed', () => {
    const items = at('Intro\n\n```mermaid\nfl‸\n```\n');
    assert.deepEqual(labels(items).slice(0, 3), ['flowchart TD', 'flowchart LR', 'sequenceDiagram']);
    for (const k of ['classDiagram', 'stateDiagram-v2', 'erDiagram', 'C4Context', 'gantt', 'mindmap'])
      assert.ok(labels(items).includes(k), k);
    assert.deepEqual(items[0].textEdit, {
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } },
      newText: 'flowchart TD',
    });
    assert.equal(items[0].kind, 14);
    assert.equal(items[0].insertTextFormat, 1);
  });

  test(kind + ': ' + 'blank lines and %% comments before the declaration still count as the first line', () => {
    assert.equal(labels(at('```mermaid\n%% architecture\n\n  ‸\n```\n'))[0], 'flowchart TD');
  });

  test(kind + ': ' + 'flowchart: at the start of a statement, components with conventional shapes as snippets', () => {
    const items = at('```mermaid\nflowchart LR\n  da‸\n```\n');
    const byLabel = new Map(items.map((i) => [i.label, i]));
    assert.equal(byLabel.get('database')!.textEdit!.newText, '${1:db}[(${2:Database})]');
    assert.deepEqual(byLabel.get('database')!.textEdit!.range, {
      start: { line: 2, character: 2 },
      end: { line: 2, character: 4 },
    });
    assert.equal(byLabel.get('database')!.insertTextFormat, 2);
    assert.equal(byLabel.get('queue')!.textEdit!.newText, '${1:queue}[[${2:Queue}]]');
    assert.equal(byLabel.get('queue (flag shape)')!.textEdit!.newText, '${1:queue}>${2:Queue}]');
    assert.equal(byLabel.get('service')!.textEdit!.newText, '${1:svc}[${2:Service}]');
    assert.equal(byLabel.get('client')!.textEdit!.newText, '${1:client}([${2:Client}])');
    assert.equal(byLabel.get('external system')!.textEdit!.newText, '${1:ext}{{${2:External System}}}');
    assert.equal(byLabel.get('load balancer')!.textEdit!.newText, '${1:lb}[/${2:Load Balancer}\\\\]');
    for (const l of ['cache', 'cdn', 'api gateway', 'subgraph']) assert.ok(byLabel.has(l), l);
  });

  test(kind + ': ' + 'flowchart: after an arrow, components for the target node', () => {
    const items = at('```mermaid\nflowchart LR\n  api --> ‸\n```\n');
    assert.ok(labels(items).includes('database'));
    assert.deepEqual(items[0].textEdit!.range, { start: { line: 2, character: 10 }, end: { line: 2, character: 10 } });
    assert.ok(labels(at('```mermaid\nflowchart LR\n  api -->|reads| ‸\n```\n')).includes('cache'));
  });

  test(
    kind + ': ' + 'flowchart: after a node id (with or without shape) and a space, edge syntax inserted at the cursor',
    () => {
      const expected = ['-->', '-.->', '==>', '---', '-- label -->', '-->|label|'];
      const plain = at('```mermaid\nflowchart LR\n  api ‸\n```\n');
      assert.deepEqual(labels(plain), expected);
      assert.deepEqual(plain[0].textEdit, {
        range: { start: { line: 2, character: 6 }, end: { line: 2, character: 6 } },
        newText: '--> ',
      });
      assert.equal(plain[0].kind, 24);
      assert.equal(plain[4].textEdit!.newText, '-- ${1:label} --> ');
      assert.deepEqual(labels(at('```mermaid\nflowchart LR\n  db[(Orders DB)] ‸\n```\n')), expected);
      assert.deepEqual(labels(at('```mermaid\nflowchart LR\n  a --> b ‸\n```\n')), expected);
    },
  );

  test(kind + ': ' + 'no completions inside labels, after keywords, in comments, or outside mermaid fences', () => {
    assert.deepEqual(at('```mermaid\nflowchart LR\n  a[Da‸\n```\n'), []);
    assert.deepEqual(at('```mermaid\nflowchart LR\n  a -->|re‸\n```\n'), []);
    assert.deepEqual(at('```mermaid\nflowchart LR\n  subgraph x ‸\n```\n'), []);
    assert.deepEqual(at('```mermaid\nflowchart LR\n  %% da‸\n```\n'), []);
    assert.deepEqual(at('```js\nfl‸\n```\n'), []);
    assert.deepEqual(at('fl‸'), []);
    // The closing fence line is not diagram content.
    assert.deepEqual(at('```mermaid\nflowchart LR\n```‸\n'), []);
  });

  test(
    kind + ': ' + 'sequence diagrams get their statements; other diagram types nothing beyond the declaration',
    () => {
      const items = at('```mermaid\nsequenceDiagram\n  pa‸\n```\n');
      assert.equal(
        items.find((i) => i.label === 'participant')!.textEdit!.newText,
        'participant ${1:A} as ${2:Service}',
      );
      assert.deepEqual(at('```mermaid\nerDiagram\n  ‸\n```\n'), []);
    },
  );

  test(kind + ': ' + 'a standalone .mmd file is one diagram', () => {
    assert.equal(labels(at('gr‸', true)).includes('graph TD'), true);
    assert.ok(labels(at('flowchart TD\n  ‸', true)).includes('database'));
  });

  test(kind + ': ' + 'an unclosed fence runs to the end of the document', () => {
    assert.ok(labels(at('```mermaid\nflowchart TD\n  a ‸')).includes('-->'));
    assert.ok(labels(at('```mermaid\nflowchart TD\n  a --> b\n‸')).includes('database'));
  });
}

for (const [kind, build] of DOCUMENT_BUILDERS) suite(kind, build);

test('nodeIds: the ids a flowchart uses, not its labels, edge texts, keywords or directions', async () => {
  const { nodeIds } = await import('../../server/core/language/mermaidCompletions');
  const lines = [
    'flowchart LR',
    '  client([Client]) --> lb[/Load Balancer\\]',
    '  lb -- "routes (sticky)" --> api[API]',
    '  api -->|reads| cache[(Cache)] & db[(Orders DB)]',
    '  subgraph workers[Workers]',
    '    direction TB',
    '    q>Queue] -.-> w1',
    '  end',
    '  classDef hot fill:#f96',
    '  api -- writes --> db',
    '  %% ghost --> nobody',
  ];
  assert.deepEqual(nodeIds(lines, 1, lines.length - 1), ['client', 'lb', 'api', 'cache', 'db', 'workers', 'q', 'w1']);
  assert.deepEqual(nodeIds(lines, 1, lines.length - 1, 1), ['lb', 'api', 'cache', 'db', 'workers', 'q', 'w1']);
});

for (const [kind, build] of DOCUMENT_BUILDERS) {
  test(kind + ': flowchart lists open only when asked for; existing ids first, never the id already typed', () => {
    const text = '```mermaid\nflowchart LR\n  client --> api\n  api --> db\n```\n';
    const doc = build(text);
    assert.deepEqual(mermaidCompletions(doc, { line: 3, character: 12 }, { invoked: false }), []);
    const asked = mermaidCompletions(doc, { line: 3, character: 11 }, { invoked: true });
    assert.deepEqual(
      asked.slice(0, 2).map((i) => [i.label, i.insertTextFormat]),
      [
        ['client', 1],
        ['api', 1],
      ],
    );
    assert.ok(
      asked.some((i) => i.label === 'database'),
      'components after the ids when asked for',
    );
    assert.ok(!mermaidCompletions(doc, { line: 3, character: 12 }).some((i) => i.label === 'db'));
  });

  test(kind + ': in a .mmd file (quick suggestions ask as you type) components only on an empty word', () => {
    const doc = build('flowchart LR\n  api --> d\n');
    assert.deepEqual(
      mermaidCompletions(doc, { line: 1, character: 11 }, { wholeFile: true }).map((i) => i.label),
      [],
    );
    assert.ok(
      mermaidCompletions(build('flowchart LR\n  api --> \n'), { line: 1, character: 10 }, { wholeFile: true }).some(
        (i) => i.label === 'database',
      ),
    );
  });
}
