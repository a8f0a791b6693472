import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMirrors, expandSnippet, parseSnippet, SnippetSyntaxError } from './snippetSyntax';

test('the test parser understands tab stops, placeholders, choices, variables and escapes', () => {
  const nodes = parseSnippet('a $1 ${2:two ${3:three}} ${4|x,y\\,z|} \\$5 ${CURRENT_YEAR} ${UUID:none} $TM_FILENAME $0');
  assert.deepEqual(nodes.map((n) => n.type), ['text', 'tabstop', 'text', 'placeholder', 'text', 'choice', 'text', 'variable', 'text', 'variable', 'text', 'variable', 'text', 'tabstop']);
  assert.equal(expandSnippet(nodes, { CURRENT_YEAR: '2026', TM_FILENAME: 'a.md', UUID: 'u' }), 'a  two three x $5 2026 u a.md ');
});

test('mirrored tab stops take the default of their placeholder', () => {
  assert.equal(expandSnippet(parseSnippet('$1 and ${1:word}')), 'word and word');
});

test('malformed snippets are rejected', () => {
  for (const bad of ['${1:unclosed', '${1|a,b}', '${|x|}', 'cost $ 5', '${1|a,,b|}', '${FOO/a/b}']) {
    assert.throws(() => parseSnippet(bad), SnippetSyntaxError, bad);
  }
  assert.throws(() => expandSnippet(parseSnippet('$NOT_A_VARIABLE')), /unknown variable/);
  assert.throws(() => checkMirrors(parseSnippet('${1:a} ${1:b}')), /two different defaults/);
});
