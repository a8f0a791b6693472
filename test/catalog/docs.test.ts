import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../../server/core/catalog/catalog';
import { catalogMarkdown, snippetsMarkdown } from '../../scripts/catalogDocs';

const root = path.resolve(__dirname, '../..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');

test('docs/catalog.md is up to date with patterns.json (regenerate with scripts/generate-catalog-docs.ts)', () => {
  const { catalog } = loadCatalog();
  const expected = catalogMarkdown(catalog);
  assert.equal(read('docs/catalog.md'), expected);
  // Every pattern has a table row and an anchor that hovers and the table link to.
  for (const p of catalog.patterns) {
    assert.ok(expected.includes(`| [${p.name}](#${p.id}) |`), p.id);
    assert.ok(expected.includes(`<a id="${p.id}"></a>`), p.id);
  }
});

test('docs/snippets.md is up to date with the snippet files', () => {
  const md = JSON.parse(read('snippets/markdown.json'));
  const mmd = JSON.parse(read('snippets/mermaid.json'));
  assert.equal(read('docs/snippets.md'), snippetsMarkdown(md, mmd));
  assert.ok(read('docs/snippets.md').includes('| `dn-requirements` | Markdown |'));
});
