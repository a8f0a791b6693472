import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scanDocument } from '../../server/core/language/languageDocument';
import { parseMarkdown } from '../../server/core/markdown';

const root = path.resolve(__dirname, '../..');

/** The parts of a document the providers use, in a comparable form. */
function shape(doc: ReturnType<typeof scanDocument>) {
  return {
    fences: doc.fences.map((f) => [f.lang, f.openLine, f.closeLine]),
    headings: doc.headings.map((h) => [h.level, h.normalized, h.line]),
    frontMatterLines: doc.frontMatterLines,
  };
}

const TRICKY = [
  '---\ntitle: x\n---\n# Title\n\ntext',
  '# A\n\n```mermaid\nflowchart LR\n  a --> b\n```\n\n## B\n',
  '- item\n\n  ```mermaid\n  flowchart TD\n  ```\n- next\n',
  '> quote\n>\n> ```js\n> code\n> ```\n',
  '~~~mermaid\nsequenceDiagram\n~~~~\n\n````md\n```\nnested\n```\n````\n',
  'Title\n=====\n\nSub\n---\n\ntext\n',
  '<!-- a comment\n# not a heading\n-->\n# Real\n',
  '# Open\n\n```mermaid\nflowchart LR\n  a --> b\n',
  '``` {.mermaid}\ngraph TD\n```\n',
  '## Closed ##\n\n#hashtag is not a heading\n',
];

test('the line scan finds the same fences, headings and front matter as the Markdown parser (tricky cases)', () => {
  for (const text of TRICKY)
    assert.deepEqual(shape(scanDocument(text)), shape(parseMarkdown(text)), JSON.stringify(text));
});

test('the line scan agrees with the Markdown parser on real documents', () => {
  for (const file of ['docs/catalog.md', 'docs/snippets.md', 'README.md']) {
    let text: string;
    try {
      text = readFileSync(path.join(root, file), 'utf8');
    } catch {
      continue; // README.md is written by another engineer and may not exist yet
    }
    assert.deepEqual(shape(scanDocument(text)), shape(parseMarkdown(text)), file);
  }
});

test('prose lines exclude fences, front matter and HTML comments', () => {
  const doc = scanDocument('---\na: 1\n---\ntext\n<!-- c\nd -->\n```\ncode\n```\nmore');
  assert.deepEqual([...doc.proseLines], [3, 9]);
});
