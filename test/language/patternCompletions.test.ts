import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog } from '../../server/core/catalog/catalog';
import { PatternIndex } from '../../server/core/catalog/patternIndex';
import { patternCompletions } from '../../server/core/language/patternCompletions';
import { provideCompletionList } from '../../server/core/language';
import { DOCUMENT_BUILDERS, type DocumentBuilder } from './documents';

const index = new PatternIndex(loadCatalog().catalog);

function suite(kind: string, build: DocumentBuilder): void {
  /** Completions at the "|" marker in the text (the marker is removed). */
  function at(textWithCursor: string) {
    const offset = textWithCursor.indexOf('|');
    const text = textWithCursor.replace('|', '');
    const before = text.slice(0, offset).split('\n');
    const position = { line: before.length - 1, character: before[before.length - 1].length };
    return { items: patternCompletions(build(text), position, index), position };
  }

  test(kind + ': ' + 'a two-letter prefix in prose offers matching patterns, replacing the prefix', () => {
    const { items } = at('# Design\n\nWe put a ci| in front of payments.\n');
    const breaker = items.find((i) => i.label === 'Circuit Breaker');
    assert.ok(breaker);
    assert.deepEqual(breaker.textEdit, {
      range: { start: { line: 2, character: 9 }, end: { line: 2, character: 11 } },
      newText: 'Circuit Breaker',
    });
    assert.equal(breaker.kind, 18);
    assert.equal(breaker.insertTextFormat, 1);
    // What it is, in the first list: the category on every row, the first sentence of the summary beside the focused one.
    assert.deepEqual(breaker.labelDetails, { description: 'Reliability' });
    assert.equal(breaker.detail, 'A circuit breaker wraps calls to a dependency and tracks failures.');
    assert.match(
      breaker.documentation!.value,
      /^\*\*Circuit Breaker\*\*/,
      'the card resolved at once, no resolve request',
    );
    assert.equal(breaker.filterText, 'Circuit Breaker');
    assert.equal(breaker.documentation?.kind, 'markdown');
    assert.match(breaker.documentation!.value, /^\*\*Circuit Breaker\*\* · _Reliability_/);
    assert.match(breaker.documentation!.value, /\*\*When to use\.\*\*/);
  });

  test(kind + ': ' + 'on a long line only the words before the cursor count', () => {
    const filler = 'word '.repeat(200);
    const { items } = at(`${filler}a circuit br|`);
    assert.deepEqual(
      items.map((i) => [i.label, i.textEdit!.range.start.character]),
      [['Circuit Breaker', filler.length + 2]],
    );
    // A long run of letters ending in "ca" is one word, not the prefix "ca".
    assert.deepEqual(at(`${'x'.repeat(300)}ca|`).items, []);
  });

  test(kind + ': ' + 'a trailing space continues a multi-word name only while a list is open (continuing)', () => {
    const text = 'We put a circuit \n';
    const doc = build(text);
    const position = { line: 0, character: 17 };
    assert.deepEqual(patternCompletions(doc, position, index), []);
    const items = patternCompletions(doc, position, index, {}, { continuing: true });
    assert.deepEqual(
      items.map((i) => [i.label, i.textEdit!.range.start.character, i.textEdit!.range.end.character]),
      [['Circuit Breaker', 9, 17]],
    );
    // Single-word names do not continue past a space.
    assert.deepEqual(
      patternCompletions(build('We use sharding \n'), { line: 0, character: 16 }, index, {}, { continuing: true }),
      [],
    );
  });

  test(kind + ': ' + 'one letter is not enough', () => {
    assert.deepEqual(at('We use a c|').items, []);
  });

  test(kind + ': ' + 'several words before the cursor can form one term and are replaced together', () => {
    const { items } = at('Reads use fan out on w|');
    assert.deepEqual(
      items.map((i) => [i.label, i.textEdit!.range.start.character, i.textEdit!.range.end.character]),
      [['Fan-out on Write', 10, 22]],
    );
    assert.deepEqual(items[0].labelDetails, { description: 'Scalability' });
    assert.ok(items[0].detail!.length <= 110 && items[0].detail!.endsWith('…'), items[0].detail);
  });

  test(kind + ': ' + 'aliases are offered with the pattern name in the detail, and hyphenated prefixes work', () => {
    const { items } = at('- events go to a pub-s|');
    assert.deepEqual(
      items.map((i) => [i.label, i.labelDetails?.description]),
      [['pub/sub', 'Publish/Subscribe · Messaging and events']],
    );
    assert.match(items[0].detail!, /^Publish\/Subscribe: /);
    assert.equal(items[0].textEdit!.range.start.character, 17);
  });

  test(kind + ': ' + 'a later word of a term is completed with a filter text starting at that word', () => {
    const { items } = at('Limit with a bucke|');
    assert.deepEqual(
      items.map((i) => [i.label, i.filterText, i.textEdit!.newText]),
      [
        ['Leaky Bucket', 'Bucket', 'Leaky Bucket'],
        ['Token Bucket', 'Bucket', 'Token Bucket'],
      ],
    );
  });

  test(
    kind +
      ': ' +
      'as a list: pattern lists are incomplete (re-asked while typing); a space trigger in prose opens nothing',
    () => {
      const ctx = { index };
      const list = provideCompletionList(build('We add a ci\n'), { line: 0, character: 11 }, ctx, { kind: 1 });
      assert.equal(list.isIncomplete, true);
      assert.ok(list.items.some((i) => i.label === 'Circuit Breaker'));
      assert.deepEqual(
        provideCompletionList(build('We add a circuit \n'), { line: 0, character: 17 }, ctx, {
          kind: 2,
          character: ' ',
        }),
        { isIncomplete: false, items: [] },
      );
      assert.deepEqual(
        provideCompletionList(build('We add a circuit \n'), { line: 0, character: 17 }, ctx, { kind: 3 }).items.map(
          (i) => i.label,
        ),
        ['Circuit Breaker'],
      );
      // Nor in a diagram: edges and components come when asked for (Ctrl+Space), never while typing.
      assert.deepEqual(
        provideCompletionList(build('```mermaid\nflowchart LR\n  a \n```\n'), { line: 2, character: 4 }, ctx, {
          kind: 2,
          character: ' ',
        }),
        { isIncomplete: false, items: [] },
      );
      const edges = provideCompletionList(
        build('```mermaid\nflowchart LR\n  a \n```\n'),
        { line: 2, character: 4 },
        ctx,
        { kind: 1 },
      );
      assert.equal(edges.isIncomplete, false);
      assert.equal(edges.items[0].label, '-->');
    },
  );

  test(kind + ': ' + 'sort order follows match quality', () => {
    const { items } = at('ca|');
    assert.deepEqual(
      items.map((i) => i.sortText),
      items.map((_, i) => String(i).padStart(4, '0')),
    );
  });

  test(kind + ': ' + 'no pattern completions in code fences, inline code, headings or HTML comments', () => {
    assert.deepEqual(at('```js\nconst ci|\n```\n').items, []);
    assert.deepEqual(at('Run `ci| now`').items, []);
    assert.deepEqual(at('## Ci|').items, []);
    assert.deepEqual(at('<!--\nci|\n-->\n').items, []);
  });
}

for (const [kind, build] of DOCUMENT_BUILDERS) suite(kind, build);
