import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeRenderError, survivingLines } from '../../media/preview/errors';

test('mermaid preprocessing: front matter, directives, comments and leading blanks do not count', () => {
  const src = ['---', 'title: x', '---', '', '%%{init: {"theme": "dark"}}%%', '%% a comment', 'flowchart TD', '  A --> B', '  %% note', '  B --> C'].join('\n');
  assert.deepEqual(survivingLines(src), [6, 7, 9]);
  const multi = ['%%{init: {', '  "theme": "forest"', '}}%%', 'graph LR', 'A-->B'].join('\n');
  assert.deepEqual(survivingLines(multi), [3, 4]);
});

test('jison errors (hash.loc) map back to the source line', () => {
  const src = '%% comment\nflowchart TD\n  A --> B\n  B -->\n';
  const e = Object.assign(new Error('Parse error on line 3:\n...'), { hash: { line: 2, loc: { first_line: 3, last_line: 3 } } });
  assert.deepEqual(describeRenderError(e, src), { error: 'Parse error:\n...', line: 3 }, "Mermaid's own line number is not shown");
});

test('lexical errors carry only hash.line (0-based)', () => {
  const e = Object.assign(new Error('Lexical error on line 2. Unrecognized text.'), { hash: { line: 1 } });
  assert.equal(describeRenderError(e, 'graph TD\n  A --> $$\n').line, 1);
});

test('langium errors use the first token position', () => {
  const e = Object.assign(new Error('Parsing failed'), { result: { lexerErrors: [], parserErrors: [{ token: { startLine: 2 } }] } });
  assert.equal(describeRenderError(e, 'pie\n  "a" 1\n').line, 1);
});

test('unknown diagram types have no line; non-Error values still give a message', () => {
  assert.deepEqual(describeRenderError(new Error('No diagram type detected matching given configuration for text: foo'), 'foo'), {
    error: 'No diagram type detected matching given configuration for text: foo',
    line: null,
  });
  assert.equal(describeRenderError('boom', 'x').error, 'boom');
  assert.equal(describeRenderError(undefined, 'x').error, 'Mermaid could not render this diagram');
  assert.ok(describeRenderError(new Error('x'.repeat(5000)), 'x').error.length < 1600);
});

test('an error at end of input points at the last line with text, not a trailing blank line', () => {
  const e = Object.assign(new Error('Parse error on line 4'), { hash: { loc: { last_line: 4 } } });
  assert.equal(describeRenderError(e, 'flowchart TD\n  A -->\n').line, 1);
  assert.equal(describeRenderError(e, 'flowchart TD\n  A -->\n\n\n').line, 1);
});

test('common mistakes: the culprit line and the same plain words as the Problems panel, Mermaid after them', () => {
  // Mermaid notices the unclosed {{ on the next line (preprocessed line 3 = source line 2).
  const src = 'flowchart LR\n  gw --> limiter{{Rate Limiter}\n  limiter --> api\n';
  const e = Object.assign(new Error("Parse error on line 3:\n...Expecting 'DIAMOND_STOP'"), { hash: { loc: { first_line: 3, last_line: 3 } } });
  const described = describeRenderError(e, src);
  assert.equal(described.line, 1);
  assert.equal(described.error, "Unclosed '{{': the shape opened here is never closed with '}}'.\n\nMermaid: Parse error:\n...Expecting 'DIAMOND_STOP'");
  // A mistake after the reported line is not the culprit.
  const later = Object.assign(new Error('Parse error on line 2'), { hash: { loc: { last_line: 2 } } });
  assert.equal(describeRenderError(later, 'flowchart LR\n  a --> $\n  b -> c\n').line, 1);
  assert.doesNotMatch(describeRenderError(later, 'flowchart LR\n  a --> $\n  b -> c\n').error, /not a flowchart arrow/);
});
