import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedDiagrams, parseWebviewMessage, type DocumentDiagram } from '../../common/preview/messages';

test('accepts every well-formed webview message', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseWebviewMessage({ type: 'reveal', index: 2 }), { type: 'reveal', index: 2 });
  assert.deepEqual(parseWebviewMessage({ type: 'copySource', index: 0 }), { type: 'copySource', index: 0 });
  assert.deepEqual(parseWebviewMessage({ type: 'export', index: 1, format: 'svg', data: '<svg xmlns="x"></svg>' }), {
    type: 'export',
    index: 1,
    format: 'svg',
    data: '<svg xmlns="x"></svg>',
  });
  assert.equal(
    parseWebviewMessage({ type: 'export', index: 1, format: 'png', data: 'data:image/png;base64,iVBOR' })?.type,
    'export',
  );
  assert.deepEqual(parseWebviewMessage({ type: 'rendered', version: 3, ok: 2, failed: 1 }), {
    type: 'rendered',
    version: 3,
    ok: 2,
    failed: 1,
  });
});

test('drops malformed or hostile messages instead of acting on them', () => {
  const bad: unknown[] = [
    null,
    'ready',
    42,
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
    { type: 'reveal' },
    { type: 'reveal', index: -1 },
    { type: 'reveal', index: 1.5 },
    { type: 'reveal', index: '3' },
    { type: 'export', index: 0, format: 'pdf', data: '<svg></svg>' },
    { type: 'export', index: 0, format: 'svg', data: '<html><script>alert(1)</script></html>' },
    { type: 'export', index: 0, format: 'png', data: 'data:text/html;base64,PHNjcmlwdD4=' },
    { type: 'export', index: 0, format: 'png', data: 'file:///etc/passwd' },
    { type: 'export', index: 0, format: 'svg', data: 7 },
  ];
  for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
});

test('keeps only known fields (no smuggled properties reach the host)', () => {
  const m = parseWebviewMessage({ type: 'reveal', index: 1, uri: 'file:///elsewhere', __proto__: { polluted: true } });
  assert.deepEqual(Object.keys(m!), ['type', 'index']);
});

test('caps the length of error text coming from the webview', () => {
  const m = parseWebviewMessage({ type: 'exportFailed', index: 0, format: 'png', message: 'x'.repeat(10_000) });
  assert.equal(m?.type === 'exportFailed' && m.message.length, 2000);
});

function d(index: number, source: string): DocumentDiagram {
  return {
    index,
    source,
    line: index * 5,
    contentLine: index * 5 + 1,
    endLine: index * 5 + 4,
    heading: '',
    problems: [],
  };
}

test('only diagrams whose text changed are re-rendered', () => {
  const shown = ['graph TD\nA-->B', 'graph TD\nC-->D', 'pie\n"a": 1'];
  assert.deepEqual(changedDiagrams(shown, [d(0, shown[0]), d(1, 'graph TD\nC-->E'), d(2, shown[2])]), [1]);
  // A new diagram at the end, nothing else touched.
  assert.deepEqual(changedDiagrams(shown, [d(0, shown[0]), d(1, shown[1]), d(2, shown[2]), d(3, 'graph LR\nX')]), [3]);
  // First update: everything renders.
  assert.deepEqual(changedDiagrams([], [d(0, 'a'), d(1, 'b')]), [0, 1]);
});
