import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog } from '../../server/core/catalog/catalog';
import { PatternIndex } from '../../server/core/catalog/patternIndex';
import { mermaidLabelSpans, patternHover } from '../../server/core/language/patternHover';
import { renderPatternCard } from '../../server/core/language/patternCard';
import { DOCUMENT_BUILDERS, withCursor, type DocumentBuilder } from './documents';

const index = new PatternIndex(loadCatalog().catalog);

function suite(kind: string, build: DocumentBuilder): void {
  function at(textWithCursor: string, wholeFile = false) {
    const { text, position } = withCursor(textWithCursor);
    return patternHover(build(text), position, index, { wholeFile });
  }

  test(kind + ': ' + 'hover on a pattern in prose gives its card and the exact range of the mention', () => {
    const hover = at('# Design\n\nReads go through a cache-a‸side layer.\n');
    assert.ok(hover);
    assert.deepEqual(hover.range, { start: { line: 2, character: 19 }, end: { line: 2, character: 30 } });
    assert.equal(hover.contents.kind, 'markdown');
    assert.equal(hover.contents.value, renderPatternCard(index.byId('cache-aside')!, index));
  });

  test(kind + ': ' + 'hover works in list items and headings, and on plurals', () => {
    assert.deepEqual(at('- two load bal‸ancers\n')!.range, {
      start: { line: 0, character: 6 },
      end: { line: 0, character: 20 },
    });
    assert.match(at('## Why CQ‸RS\n')!.contents.value, /^\*\*CQRS\*\*/);
  });

  test(kind + ': ' + 'no hover away from a mention, in inline code, or in non-mermaid code', () => {
    assert.equal(at('We use a ca‸che'), undefined);
    assert.equal(at('Run `circuit br‸eaker`'), undefined);
    assert.equal(at('```js\nconst circuit br‸eaker = 1\n```\n'), undefined);
  });

  test(kind + ': ' + 'hover in a Mermaid label, but not on node ids', () => {
    const hover = at('```mermaid\nflowchart LR\n  lb[Load Bal‸ancer] --> app[App]\n```\n');
    assert.ok(hover);
    assert.deepEqual(hover.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 18 } });
    assert.equal(at('```mermaid\nflowchart LR\n  c‸dn --> app[App]\n```\n'), undefined);
    const edge = at('```mermaid\nflowchart LR\n  a -->|via pub/s‸ub| b\n```\n');
    assert.equal(edge!.range.start.character, 12);
    const message = at('```mermaid\nsequenceDiagram\n  A->>B: retry with backo‸ff\n```\n');
    assert.match(message!.contents.value, /^\*\*Retries with Backoff and Jitter\*\*/);
    assert.ok(at('flowchart LR\n  q[[Dead-letter q‸ueue]]', true));
  });

  test(kind + ': ' + 'label spans cover shapes, edge labels, messages and display names', () => {
    const line = 'a[(Orders DB)] -- cache miss --> b{{Ext}}';
    assert.deepEqual(
      mermaidLabelSpans(line).map(([s, e]) => line.slice(s, e)),
      ['Orders DB', 'cache miss', 'Ext'],
    );
    const p = '  participant GW as API Gateway';
    assert.deepEqual(
      mermaidLabelSpans(p).map(([s, e]) => p.slice(s, e)),
      ['API Gateway'],
    );
  });

  test(
    kind +
      ': ' +
      'the card lists summary, when to use, costs, related patterns (linked when a link target is given) and the reference',
    () => {
      const p = index.byId('saga')!;
      const plain = renderPatternCard(p, index);
      assert.match(
        plain,
        /^\*\*Saga\*\* · _Messaging and events_\n\nAlso known as: saga pattern, compensating transaction, long-running transaction\n\n/,
      );
      assert.ok(plain.includes('**When to use.** '));
      assert.ok(plain.includes('**Costs and failure modes.** '));
      assert.ok(
        plain.includes('**Related:** Transactional Outbox · Two-Phase Commit · Idempotency Keys · Publish/Subscribe'),
      );
      assert.ok(plain.includes('_Reference:_ Garcia-Molina and Salem'));
      const linked = renderPatternCard(p, index, {
        linkForPattern: (r) => `file:///docs/catalog.md#${r.id}`,
        includeDiagram: true,
      });
      assert.ok(linked.includes('[Transactional Outbox](file:///docs/catalog.md#transactional-outbox)'));
      assert.ok(linked.includes('```mermaid\nsequenceDiagram'));
    },
  );

  test(kind + ': ' + 'markdown in user catalog text is escaped in the card', () => {
    const p = {
      ...index.byId('saga')!,
      name: 'A *bold* <b>name</b>',
      aliases: [],
      related: [],
      reference: undefined,
      whenToUse: undefined,
      costs: undefined,
    };
    assert.equal(
      renderPatternCard(p, index),
      '**A \\*bold\\* \\<b\\>name\\</b\\>** · _Messaging and events_\n\n' +
        p.summary.replace(/[\\`*_{}[\]<>#|~]/g, '\\$&'),
    );
  });
}

for (const [kind, build] of DOCUMENT_BUILDERS) suite(kind, build);
