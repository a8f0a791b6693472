import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { Linter } from '../../server/core/engine';
import { nodeFileSystem } from '../../server/core/fileSystem';
import { parseMarkdown } from '../../server/core/markdown';
import { DIAGRAM_KEYWORDS } from '../../server/core/mermaid/diagramTypes';
import type { RuleServices } from '../../server/core/rule';
import { findSection } from '../../server/core/sections';
import { checkWorkspace } from '../../server/core/workspace';
import { caseStudyFiles, makeTree, removeTree } from '../support/tree';
import { checkMirrors, expandSnippet, parseSnippet } from './snippetSyntax';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

const root = path.resolve(__dirname, '../..');
const load = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, Snippet>;
const markdown = load('snippets/markdown.json');
const mermaid = load('snippets/mermaid.json');
const VARIABLES = { CURRENT_YEAR: '2026', CURRENT_MONTH: '11', CURRENT_DATE: '23' };

const prefixes = (s: Snippet) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]);
const bodyText = (s: Snippet) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);
const expand = (s: Snippet) => expandSnippet(parseSnippet(bodyText(s)), VARIABLES);
function byPrefix(file: Record<string, Snippet>, prefix: string): Snippet {
  const found = Object.values(file).find((s) => prefixes(s).includes(prefix));
  assert.ok(found, `no snippet with prefix ${prefix}`);
  return found;
}

test('the manifest contributes the snippet files for markdown and mermaid', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: { snippets: { language: string; path: string }[]; languages: { id: string }[] };
  };
  assert.deepEqual(manifest.contributes.snippets, [
    { language: 'markdown', path: './snippets/markdown.json' },
    { language: 'mermaid', path: './snippets/mermaid.json' },
  ]);
  assert.ok(manifest.contributes.languages.some((l) => l.id === 'mermaid'));
});

test('every snippet has dn- prefixes (unique per file), a description and a body in valid snippet syntax', () => {
  for (const [file, snippets] of [['markdown', markdown], ['mermaid', mermaid]] as const) {
    const seen = new Set<string>();
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.description && s.description.length > 10, `${file}/${name} description`);
      for (const p of prefixes(s)) {
        assert.match(p, /^dn-[a-z0-9-]+$/, `${file}/${name} prefix`);
        assert.ok(!seen.has(p), `${file}: duplicate prefix ${p}`);
        seen.add(p);
      }
      const nodes = parseSnippet(bodyText(s));
      checkMirrors(nodes);
    }
  }
});

test('the snippets the issue asks for exist', () => {
  for (const p of [
    'dn-requirements', 'dn-hld', 'dn-tradeoffs', 'dn-nfr', 'dn-fr-nfr', 'dn-capacity', 'dn-api', 'dn-datamodel', 'dn-adr',
    'dn-mermaid-architecture', 'dn-mermaid-sequence', 'dn-mermaid-fanout', 'dn-mermaid-cqrs', 'dn-mermaid-er', 'dn-mermaid-c4', 'dn-mermaid-deployment',
  ]) {
    byPrefix(markdown, p);
  }
});

test('placeholders offer choices where the answer is one of a few (diagram direction, HTTP method, ADR status)', () => {
  assert.match(bodyText(byPrefix(markdown, 'dn-mermaid-architecture')), /flowchart \$\{1\|LR,TD\|\}/);
  assert.match(bodyText(byPrefix(markdown, 'dn-api')), /\$\{1\|POST,GET,PUT,PATCH,DELETE\|\}/);
  assert.match(bodyText(byPrefix(markdown, 'dn-adr')), /\$\{3\|Proposed,Accepted,Superseded,Deprecated\|\}/);
});

test('every markdown snippet expands (with defaults) to Markdown that parses; Mermaid snippets to one mermaid fence', () => {
  for (const [name, s] of Object.entries(markdown)) {
    const text = expand(s);
    const doc = parseMarkdown(text);
    assert.equal(doc.lines.length, text.split('\n').length, name);
    assert.doesNotMatch(text, /\$\{|\$\d/, `${name}: unexpanded placeholder`);
    if (prefixes(s)[0].startsWith('dn-mermaid-')) {
      assert.equal(doc.fences.length, 1, name);
      assert.equal(doc.fences[0].lang, 'mermaid', name);
      assert.ok(DIAGRAM_KEYWORDS.includes(doc.fences[0].content.trim().split(/\s+/)[0]), name);
    }
  }
});

test('table snippets expand to well-formed tables (every row has the header\'s number of cells)', () => {
  const md = new MarkdownIt();
  for (const p of ['dn-capacity', 'dn-api', 'dn-datamodel']) {
    const text = expand(byPrefix(markdown, p));
    const tokens = md.parse(text, {});
    assert.ok(tokens.some((t) => t.type === 'table_open'), `${p} is not a table`);
    const rows = text.trim().split('\n').filter((l) => l.startsWith('|'));
    const cells = (l: string) => l.split('|').length;
    for (const r of rows) assert.equal(cells(r), cells(rows[0]), `${p}: ${r}`);
    assert.ok(rows.length >= 4, p);
  }
});

test('mermaid.json holds the same diagrams as the Markdown Mermaid snippets, without the fence', () => {
  const names = Object.values(mermaid).map((s) => prefixes(s)[0]);
  assert.deepEqual(names.sort(), ['dn-architecture', 'dn-c4', 'dn-cqrs', 'dn-deployment', 'dn-er', 'dn-fanout', 'dn-sequence']);
  for (const s of Object.values(mermaid)) {
    const md = byPrefix(markdown, prefixes(s)[0].replace(/^dn-/, 'dn-mermaid-'));
    const mdBody = Array.isArray(md.body) ? md.body : [md.body];
    assert.deepEqual(mdBody.slice(1, mdBody.indexOf('```', 1)), (s.body as string[]).slice(0, -1));
  }
});

test('the file skeletons contain the required sections of defaults.json', () => {
  const skeletons: Record<string, string> = { requirements: 'dn-requirements', 'high-level-design': 'dn-hld', 'trade-offs': 'dn-tradeoffs' };
  for (const spec of DEFAULT_CONFIG.requiredFiles) {
    const doc = parseMarkdown(expand(byPrefix(markdown, skeletons[spec.id])));
    for (const section of spec.sections) assert.ok(findSection(doc, section) >= 0, `${spec.id} skeleton lacks ${section.name}`);
  }
});

const workerPath = path.join(root, 'dist/mermaidWorker.mjs');
test('a case study made of the three file skeletons and every Mermaid snippet lints clean', async () => {
  const services: RuleServices = {};
  let dispose = () => {};
  if (existsSync(workerPath)) {
    const { createMermaidValidator } = await import('../../server/core/mermaid/workerValidator');
    const validator = createMermaidValidator({ workerPath, timeoutMs: 20_000 });
    services.mermaid = validator;
    dispose = () => validator.dispose();
  }
  const diagrams = Object.values(markdown)
    .filter((s) => prefixes(s)[0].startsWith('dn-mermaid-'))
    .map((s) => expand(s))
    .join('\n\n');
  const files = {
    'requirements.md': expand(byPrefix(markdown, 'dn-requirements')),
    'high-level-design.md': expand(byPrefix(markdown, 'dn-hld')),
    'trade-offs.md': `${expand(byPrefix(markdown, 'dn-tradeoffs'))}\n${expand(byPrefix(markdown, 'dn-tradeoff'))}\n${expand(byPrefix(markdown, 'dn-adr'))}`,
    'diagrams.md': `# Diagrams\n\n${diagrams}\n`,
    'api.md': `# API\n\n${expand(byPrefix(markdown, 'dn-api'))}\n\n${expand(byPrefix(markdown, 'dn-datamodel'))}\n\n${expand(byPrefix(markdown, 'dn-capacity'))}\n`,
  };
  const dir = makeTree(caseStudyFiles('snippets', files));
  try {
    const linter = new Linter({ fs: nodeFileSystem, services });
    const result = await checkWorkspace(dir, DEFAULT_CONFIG, linter, nodeFileSystem);
    const findings = [...result.findings.values()].flat().map((f) => `${path.relative(dir, f.path)}:${f.range.start.line} ${f.ruleId} ${f.message}`);
    assert.deepEqual(findings, []);
    // Not vacuous: the folder was found as a case study and every file was checked (and diagrams parsed when built).
    assert.equal(result.caseStudies.length, 1);
    for (const name of Object.keys(files)) assert.ok(result.findings.has(path.join(dir, 'case-studies/snippets', name)), name);
    assert.equal(result.caseStudies[0].files.length, Object.keys(files).length);
  } finally {
    dispose();
    removeTree(dir);
  }
});
