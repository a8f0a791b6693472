import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagramIndexAt, isMermaidFile } from '../../src/preview/diagrams';
import { exportBytes, exportFileStem } from '../../src/preview/exportFile';

test('the diagram under the cursor, fences included; null outside any diagram', () => {
  const ds = [
    { index: 0, source: 'flowchart LR\n', line: 3, contentLine: 4, endLine: 6, heading: '', problems: [] },
    { index: 1, source: 'pie\n', line: 10, contentLine: 11, endLine: 13, heading: '', problems: [] },
  ];
  assert.equal(diagramIndexAt(ds, 3), 0);
  assert.equal(diagramIndexAt(ds, 5), 0);
  assert.equal(diagramIndexAt(ds, 6), 0);
  assert.equal(diagramIndexAt(ds, 7), null);
  assert.equal(diagramIndexAt(ds, 12), 1);
  assert.equal(diagramIndexAt(ds, 14), null);
  assert.equal(diagramIndexAt([], 0), null);
});

test('.mmd and .mermaid files are previewable as one diagram', () => {
  assert.ok(isMermaidFile('/ws/arch.mmd') && isMermaidFile('/ws/arch.MERMAID'));
  assert.ok(!isMermaidFile('/ws/arch.md'));
});

test('export file names come from the heading, else the position; bytes decode', () => {
  assert.equal(exportFileStem('/ws/cs/high-level-design.md', 'Data Flow (v2)', 0), 'high-level-design-data-flow-v2');
  assert.equal(exportFileStem('/ws/cs/high-level-design.md', '', 2), 'high-level-design-diagram-3');
  assert.equal(exportFileStem('C:\\ws\\arch.mmd', '../../etc', 0), 'arch-etc');
  assert.deepEqual([...exportBytes('png', 'data:image/png;base64,iVBORw==')], [0x89, 0x50, 0x4e, 0x47]);
  assert.equal(new TextDecoder().decode(exportBytes('svg', '<svg>é</svg>')), '<svg>é</svg>');
});
