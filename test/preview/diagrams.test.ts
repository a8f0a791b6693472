import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagramAtLine, extractDiagrams } from '../../src/preview/diagrams';
import { exportBytes, exportFileStem } from '../../src/preview/exportFile';

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

test('finds backtick and tilde fences, in lists and blockquotes, in order, with their heading', () => {
  const ds = extractDiagrams('/ws/high-level-design.md', DOC);
  assert.deepEqual(
    ds.map((d) => ({ i: d.index, line: d.line, content: d.contentLine, end: d.endLine, heading: d.heading, source: d.source })),
    [
      { i: 0, line: 3, content: 4, end: 6, heading: 'Components', source: 'flowchart LR\n  A --> B\n' },
      { i: 1, line: 10, content: 11, end: 13, heading: 'Components', source: 'sequenceDiagram\nA->>B: hi\n' },
      { i: 2, line: 16, content: 17, end: 18, heading: 'Data', source: 'erDiagram\n' },
    ],
  );
});

test('a .mmd or .mermaid file is one diagram from line 0', () => {
  for (const name of ['/ws/arch.mmd', '/ws/arch.MERMAID']) {
    const ds = extractDiagrams(name, 'graph TD\n  A --> B\n');
    assert.equal(ds.length, 1);
    assert.deepEqual({ line: ds[0].line, contentLine: ds[0].contentLine, endLine: ds[0].endLine, source: ds[0].source }, { line: 0, contentLine: 0, endLine: 2, source: 'graph TD\n  A --> B\n' });
  }
});

test('the diagram under the cursor, fences included; null outside any diagram', () => {
  const f = '/ws/x.md';
  assert.equal(diagramAtLine(f, DOC, 3), 0);
  assert.equal(diagramAtLine(f, DOC, 5), 0);
  assert.equal(diagramAtLine(f, DOC, 6), 0);
  assert.equal(diagramAtLine(f, DOC, 7), null);
  assert.equal(diagramAtLine(f, DOC, 12), 1);
  assert.equal(diagramAtLine(f, DOC, 17), 2);
  assert.equal(diagramAtLine(f, DOC, 21), null);
  assert.equal(diagramAtLine(f, DOC, 26), null);
  assert.equal(diagramAtLine('/ws/a.mmd', 'graph TD', 0), 0);
});

test('export file names come from the heading, else the position; bytes decode', () => {
  assert.equal(exportFileStem('/ws/cs/high-level-design.md', 'Data Flow (v2)', 0), 'high-level-design-data-flow-v2');
  assert.equal(exportFileStem('/ws/cs/high-level-design.md', '', 2), 'high-level-design-diagram-3');
  assert.equal(exportFileStem('C:\\ws\\arch.mmd', '../../etc', 0), 'arch-etc');
  assert.deepEqual([...exportBytes('png', 'data:image/png;base64,iVBORw==')], [0x89, 0x50, 0x4e, 0x47]);
  assert.equal(new TextDecoder().decode(exportBytes('svg', '<svg>é</svg>')), '<svg>é</svg>');
});
