// The common Mermaid mistakes in plain words, on the culprit's line (pure scan; the validator and the preview use it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutDiagramLines } from '../../common/mermaid/errorText';
import { findCommonMistake } from '../../server/core/mermaid/commonMistakes';

const at = (body: string) => {
  const m = findCommonMistake(`flowchart LR\n${body}`);
  return (
    m && {
      line: m.line,
      text: `flowchart LR\n${body}`.split('\n')[m.line].slice(m.start, m.end),
      message: m.message,
      fix: m.fix?.newText,
    }
  );
};

test('an unclosed {{, [, (, [( or " is marked where it opens, not where the parser noticed', () => {
  assert.deepEqual(at('  a --> b{{Rate Limiter}\n  b --> c\n\n  c --> d'), {
    line: 1,
    text: '{{',
    message: "Unclosed '{{': the shape opened here is never closed with '}}'.",
    fix: undefined,
  });
  assert.equal(at('  a[Gateway --> b\n  b --> c')!.text, '[');
  assert.equal(at('  a(Gateway --> b')!.message, "Unclosed '(': the shape opened here is never closed with ')'.");
  assert.equal(at('  a --> db[(Orders\n')!.message, "Unclosed '[(': the shape opened here is never closed with ')]'.");
  assert.deepEqual(at('  a["Gateway] --> b'), {
    line: 1,
    text: '"',
    message: "Unclosed quote '\"': the text started here has no closing '\"' on this line.",
    fix: undefined,
  });
});

test('parentheses inside an unquoted [...] label: quote the label (the most common real-world error)', () => {
  assert.deepEqual(at('  A[Message Broker (Kafka)] --> B'), {
    line: 1,
    text: '[Message Broker (Kafka)]',
    message:
      'Parentheses inside an unquoted label: Mermaid reads \'(\' as a shape. Quote the label: ["Message Broker (Kafka)"].',
    fix: '["Message Broker (Kafka)"]',
  });
  // Shapes that start with a bracket, and quoted labels, are fine.
  assert.equal(at('  db[(Database)] --> q[["Queue (x)"]]\n  c["Cache (Redis)"]'), undefined);
});

test("'->' for '-->', 'end' as a node id, a subgraph without 'end', and a stray 'end'", () => {
  assert.deepEqual(at('  A -> B'), {
    line: 1,
    text: '->',
    message: "'->' is not a flowchart arrow: write '-->'.",
    fix: '-->',
  });
  assert.equal(
    at('  A --> B\n  A -.-> C\n  A ==> D\n  A -->|x -> y| E\n  F["p -> q"]'),
    undefined,
    'real arrows and arrows inside labels are fine',
  );
  assert.deepEqual(at('  A --> end'), {
    line: 1,
    text: 'end',
    message: "'end' is a reserved word in flowcharts and cannot be a node id: write 'End' or another name.",
    fix: 'End',
  });
  assert.equal(at('  end[Done] --> A')!.text, 'end');
  assert.equal(at('  backend --> endpoint'), undefined);
  assert.deepEqual(at('  subgraph api[API]\n    a --> b\n  c --> d'), {
    line: 1,
    text: 'subgraph',
    message: "'subgraph' is never closed: add a line 'end' after its nodes.",
    fix: undefined,
  });
  assert.equal(at('  subgraph api[API]\n    a --> b\n  end'), undefined);
  assert.match(at('  a --> b\n  end')!.message, /no subgraph is open/);
});

test('only flowcharts are scanned; comments and front matter are skipped', () => {
  assert.equal(findCommonMistake('sequenceDiagram\n  A->B: hi'), undefined);
  assert.equal(findCommonMistake('---\ntitle: x\n---\n%% c\nflowchart LR\n  %% a -> b\n  a --> b'), undefined);
  assert.equal(findCommonMistake('---\ntitle: x\n---\nflowchart LR\n  a -> b')!.line, 4);
});

test("Mermaid's message loses its diagram line numbers (the range carries the file line)", () => {
  assert.equal(withoutDiagramLines('Parse error on line 4:\n...x\n---^'), 'Parse error:\n...x\n---^');
  assert.equal(withoutDiagramLines('Lexical error on line 2. Unrecognized text.'), 'Lexical error. Unrecognized text.');
});
