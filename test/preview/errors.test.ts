import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagramErrorText, renderErrorMessage } from '../../media/preview/errors';
import type { DiagramProblem } from '../../common/protocol/preview';

const at = (
  line: number,
  message: string,
  detail?: string,
  severity: DiagramProblem['severity'] = 'error',
): DiagramProblem => ({
  range: { start: { line, character: 2 }, end: { line, character: 5 } },
  message,
  ...(detail ? { detail } : {}),
  severity,
});

test("Mermaid's own message loses its diagram-relative line numbers and is capped", () => {
  assert.equal(renderErrorMessage(new Error('Parse error on line 3:\n...x\n---^')), 'Parse error:\n...x\n---^');
  assert.equal(renderErrorMessage('boom'), 'boom');
  assert.equal(renderErrorMessage(undefined), 'Mermaid could not render this diagram');
  assert.ok(renderErrorMessage(new Error('x'.repeat(5000))).length < 1600);
});

test("the server's problems are shown at their document lines (1-based, as in Problems), the first one's details after", () => {
  const shown = diagramErrorText(
    [at(13, "Unclosed '{{'", 'Mermaid: Expected x'), at(20, 'Second')],
    'Parse error: ignored',
  );
  assert.deepEqual(shown, { text: "Line 14: Unclosed '{{'\nLine 21: Second\n\nMermaid: Expected x", line: 13 });
});

test("without an error from the server (not checked, or a failure only rendering hits), Mermaid's message, no line", () => {
  assert.deepEqual(diagramErrorText([], 'Parse error:\n...'), { text: 'Parse error:\n...', line: null });
  assert.deepEqual(
    diagramErrorText([at(3, 'Diagram not checked: too large', undefined, 'info')], 'Maximum text size exceeded'),
    { text: 'Maximum text size exceeded', line: null },
  );
});
