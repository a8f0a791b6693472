// The raw floor for a workspace check: find the Markdown/Mermaid files, read them, parse the Markdown with
// markdown-it alone (same options as the engine), nothing else. `node bench/floor.mjs <dir>`; prints JSON.
import MarkdownIt from 'markdown-it';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const start = performance.now();
const md = new MarkdownIt({ html: true, linkify: false });
const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walk(abs);
    else if (/\.(md|markdown|mdx|mmd|mermaid)$/i.test(e.name)) files.push(abs);
  }
};
walk(path.resolve(process.argv[2] ?? '.'));
let tokens = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  if (/\.(mmd|mermaid)$/i.test(f)) continue;
  tokens += md.parse(text, {}).length;
}
console.log(JSON.stringify({ files: files.length, tokens, ms: performance.now() - start }));
