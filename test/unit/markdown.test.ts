import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkdown } from '../../server/core/markdown';
import { normalizeFileStem, normalizeHeading } from '../../server/core/normalize';

test('headings are normalised ignoring numbering, emoji, punctuation and case', () => {
  assert.equal(normalizeHeading('2. ⚡ Non-Functional Requirements'), 'non functional requirements');
  assert.equal(normalizeHeading('1.2) **Functional** requirements:'), 'functional requirements');
  assert.equal(normalizeHeading('Trade-Offs & Decisions'), 'trade offs and decisions');
  assert.equal(normalizeHeading('A. Überblick'), 'uberblick');
  assert.equal(normalizeHeading('Step 3: Architecture'), 'architecture');
  assert.equal(normalizeHeading('NFRs'), 'nfrs');
});

test('file stems are normalised ignoring numbering prefixes, case and separators', () => {
  assert.equal(normalizeFileStem('01_requirements.md'), 'requirements');
  assert.equal(normalizeFileStem('02-high-level-design.md'), 'high level design');
  assert.equal(normalizeFileStem('High Level Design.md'), 'high level design');
  assert.equal(normalizeFileStem('HLD.markdown'), 'hld');
  assert.equal(normalizeFileStem('2024.md'), '2024');
});

test('skeletons are not written content: empty bullets, comment-only items, a header-only table, a diagram with only its type line', () => {
  const empty = parseMarkdown(
    [
      '# T',
      '',
      '## A',
      '- ',
      '- <!-- chosen -->',
      '',
      '## B',
      '| K | V |',
      '| --- | --- |',
      '',
      '## C',
      '```mermaid',
      'flowchart LR',
      '    %% yours',
      '```',
      '',
      '## D',
      'x <!-- y',
    ].join('\n'),
  );
  assert.deepEqual(
    empty.headings.slice(1).map((h) => h.hasContent),
    [false, false, false, true],
  );
  const written = parseMarkdown(
    [
      '# T',
      '',
      '## A',
      '- **Chosen:** Redis <!-- why -->',
      '## B',
      '| K | V |',
      '| --- | --- |',
      '| a |  |',
      '## C',
      '```mermaid',
      'flowchart LR',
      '  a --> b',
      '```',
      '## D',
      '```js',
      '```',
    ].join('\n'),
  );
  assert.deepEqual(
    written.headings.slice(1).map((h) => h.hasContent),
    [true, true, true, true],
  );
  assert.equal(parseMarkdown('# T\n\n<!-- write here -->\n- \n').hasContent, false);
  assert.equal(written.hasContent, true);
});

test('sections: extent, own content and emptiness (comments and sub-headings do not count)', () => {
  const doc = parseMarkdown(
    ['# T', '', '## A', '<!-- write here -->', '', '## B', '### B1', 'text', '## C', '### C1', ''].join('\n'),
  );
  const [t, a, b, b1, c, c1] = doc.headings;
  assert.equal(t.sectionEndLine, 11);
  assert.equal(a.sectionEndLine, 5);
  assert.equal(a.hasContent, false, 'an HTML comment is not content');
  assert.equal(b.hasContent, true);
  assert.equal(b.hasOwnContent, false);
  assert.equal(b1.hasOwnContent, true);
  assert.equal(c.hasContent, false);
  assert.equal(c1.hasContent, false);
});

test('front matter is not mistaken for a heading and lines keep their numbers', () => {
  const doc = parseMarkdown(['---', 'title: x', '---', '# Real', 'body'].join('\n'));
  assert.equal(doc.frontMatterLines, 3);
  assert.deepEqual(
    doc.headings.map((h) => [h.text, h.line]),
    [['Real', 3]],
  );
});

test('CRLF text gives the same lines and ranges', () => {
  const doc = parseMarkdown('# Title\r\n\r\n## Section\r\ntext\r\n');
  assert.equal(doc.headings[1].line, 2);
  assert.deepEqual(doc.headings[1].range, { start: { line: 2, character: 3 }, end: { line: 2, character: 10 } });
});

test('fence content lines map back to source columns in lists and blockquotes', () => {
  const text = [
    '- item',
    '',
    '  ```mermaid',
    '  graph TD',
    '    A --> B',
    '  ```',
    '',
    '> ```mermaid',
    '> flowchart LR',
    '> ```',
  ].join('\n');
  const doc = parseMarkdown(text);
  assert.equal(doc.fences.length, 2);
  const [inList, inQuote] = doc.fences;
  assert.equal(inList.lang, 'mermaid');
  assert.deepEqual(inList.contentLines, [
    { line: 3, character: 2 },
    { line: 4, character: 2 },
  ]);
  assert.equal(inList.content, 'graph TD\n  A --> B\n');
  assert.deepEqual(inQuote.contentLines, [{ line: 8, character: 2 }]);
  assert.equal(inQuote.closeLine, 9);
});

test('list items carry depth, heading and first-paragraph range', () => {
  const doc = parseMarkdown(['## NFR', '- Availability:', '  - 99.9%', '- Fast'].join('\n'));
  assert.deepEqual(
    doc.listItems.map((i) => [i.text, i.depth, i.headingIndex, i.range.start.line, i.range.start.character]),
    [
      ['Availability:', 0, 0, 1, 2],
      ['99.9%', 1, 0, 2, 4],
      ['Fast', 0, 0, 3, 2],
    ],
  );
});

test('links and images are collected with their lines', () => {
  const doc = parseMarkdown('See [diagram](diagrams/arch.md) and ![arch](arch.png).');
  assert.deepEqual(
    doc.links.map((l) => [l.href, l.isImage]),
    [
      ['diagrams/arch.md', false],
      ['arch.png', true],
    ],
  );
});
