// Writes docs/catalog.md and docs/snippets.md from the pattern catalog and the snippet files.
// `--check` writes nothing and exits 1 when either file is out of date.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../server/core/catalog/catalog';
import { catalogMarkdown, snippetsMarkdown, type SnippetEntry } from './catalogDocs';

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
const readJson = (file: string) =>
  JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, SnippetEntry>;

const outputs: Record<string, string> = {
  'docs/catalog.md': catalogMarkdown(loadCatalog().catalog),
  'docs/snippets.md': snippetsMarkdown(readJson('snippets/markdown.json'), readJson('snippets/mermaid.json')),
};

const stale: string[] = [];
for (const [file, text] of Object.entries(outputs)) {
  const abs = path.join(root, file);
  if ((existsSync(abs) ? readFileSync(abs, 'utf8') : '') === text) continue;
  if (check) stale.push(file);
  else {
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    console.log(`wrote ${file}`);
  }
}
if (stale.length) {
  console.error(`Out of date (run \`npm run generate:catalog\`): ${stale.join(', ')}`);
  process.exit(1);
}
