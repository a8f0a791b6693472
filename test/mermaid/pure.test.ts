// Pure parts of Mermaid validation (no bundle needed): position mapping from mermaid's preprocessed text,
// diagram-type suggestions, header detection, the LRU cache.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstContentLine } from '../../server/core/mermaid/commonMistakes';
import { DIAGRAM_KEYWORDS, editDistance, suggestDiagramTypes } from '../../server/core/mermaid/diagramTypes';
import { LruCache } from '../../server/core/lruCache';
import { createPositionMapper } from '../../server/core/mermaid/positionMap';

describe('positionMap', () => {
  it('skips removed front matter, comments, directives and blank lines', () => {
    const original = '---\ntitle: x\n---\n%% c\n\nflowchart TD\n%%{init: {}}%%\n\n  A-->B\n  B-->end\n';
    // What mermaid parses for it (measured): comment line and the blank line before it gone, directive blanked.
    const parsed = 'flowchart TD\n\n\n  A-->B\n  B-->end\n\n';
    const map = createPositionMapper(original, parsed, 3);
    assert.deepEqual(map.atLineColumn(0, 0), { line: 5, character: 0 });
    assert.deepEqual(map.atLineColumn(4, 6), { line: 9, character: 6 });
    assert.deepEqual(map.at(parsed.indexOf('end')), { line: 9, character: 6 });
  });

  it('maps CRLF text and a first line whose indentation mermaid trimmed', () => {
    const original = '\r\n   flowchart TD\r\n  A --> end\r\n';
    const parsed = 'flowchart TD\n  A --> end\n\n';
    const map = createPositionMapper(original, parsed);
    assert.deepEqual(map.atLineColumn(0, 0), { line: 1, character: 3 });
    assert.deepEqual(map.atLineColumn(1, 8), { line: 2, character: 8 });
  });

  it('maps columns after encoded entities back onto the written text', () => {
    const original = 'flowchart TD\n  A[#35; and #quot;q#quot;] --> end\n';
    const parsed =
      'flowchart TD\n  A[\uFB02\u00B0\u00B035\u00B6\u00DF and \uFB02\u00B0quot\u00B6\u00DFq\uFB02\u00B0quot\u00B6\u00DF] --> end\n\n';
    const map = createPositionMapper(original, parsed);
    const at = map.at(parsed.indexOf('end'));
    assert.deepEqual(at, { line: 1, character: original.split('\n')[1].indexOf('end') });
    // Inside an entity: the digits map onto the written digits, the encoded opener onto '#'.
    assert.deepEqual(map.at(parsed.indexOf('35')), { line: 1, character: 5 });
    assert.deepEqual(map.at(parsed.indexOf('\uFB02')), { line: 1, character: 4 });
  });

  it('maps a line that lost its trailing ";" (style lines) and a line sharing a directive', () => {
    const original = '%%{init: {"theme": "dark"}}%% flowchart TD\n  A --> B\n  style A fill:#f9f;\n  B --> end\n';
    const parsed = ' flowchart TD\n  A --> B\n  style A fill:\uFB02\u00B0f9f\u00B6\u00DF\n  B --> end\n\n';
    const map = createPositionMapper(original, parsed.trimStart());
    assert.deepEqual(map.atLineColumn(0, 0), { line: 0, character: 30 });
    assert.deepEqual(map.atLineColumn(3, 8), { line: 3, character: 8 });
  });

  it('places positions on lines it cannot match between their matched neighbours', () => {
    const original = 'graph TD\n  A --> B\n\n\n  B --> C\n';
    const parsed = 'graph TD\n  A --> B\n\n\n  B --> C\n\n';
    const map = createPositionMapper(original, parsed);
    assert.deepEqual(map.atLineColumn(2, 0), { line: 2, character: 0 });
    assert.deepEqual(map.atLineColumn(5, 0), { line: 5, character: 0 });
  });
});

describe('diagram types', () => {
  it('suggests the closest keywords', () => {
    assert.deepEqual(suggestDiagramTypes('sequenceDiagarm'), ['sequenceDiagram']);
    assert.deepEqual(suggestDiagramTypes('flowchat').slice(0, 1), ['flowchart']);
    assert.deepEqual(suggestDiagramTypes('classdiagram').slice(0, 1), ['classDiagram']);
    assert.deepEqual(suggestDiagramTypes('zzzzzzzzzzzz'), []);
    assert.deepEqual(suggestDiagramTypes('sequence'), ['sequenceDiagram']);
    assert.deepEqual(suggestDiagramTypes('state'), ['stateDiagram', 'stateDiagram-v2']);
    assert.equal(editDistance('ab', 'ba'), 1);
    assert.equal(new Set(DIAGRAM_KEYWORDS).size, DIAGRAM_KEYWORDS.length);
  });

  it('finds the header line after front matter, directives and comments', () => {
    assert.equal(firstContentLine(['---', 'title: x', '---', '', '%%{init: {', '}}%%', '%% c', '  pie', 'x']), 7);
    assert.equal(firstContentLine(['', '']), 1);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    assert.equal(cache.size, 2);
  });

  it('also evicts by total weight, and keeps the weight right on replace and delete', () => {
    const cache = new LruCache<string, string>(100, { maxWeight: 10, weigh: (key) => key.length });
    cache.set('aaaa', 'x');
    cache.set('bbbb', 'y');
    assert.equal(cache.weight, 8);
    cache.set('aaaa', 'z'); // replaced, now the most recent
    assert.equal(cache.weight, 8);
    cache.set('ccc', 'w'); // 11 > 10: the least recent ('bbbb') goes
    assert.equal(cache.get('bbbb'), undefined);
    assert.deepEqual([cache.get('aaaa'), cache.get('ccc'), cache.weight], ['z', 'w', 7]);
    cache.delete('aaaa');
    assert.equal(cache.weight, 3);
    cache.set('x'.repeat(50), 'huge'); // heavier than the bound alone: kept (the newest entry always is), others go
    assert.deepEqual([cache.size, cache.weight], [1, 50]);
  });
});
