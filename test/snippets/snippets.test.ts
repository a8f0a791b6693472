import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { Linter } from '../../server/core/engine';
import { nodeFileSystem } from '../../server/core/node';
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

/** Lint a case study folder made of `files`; findings as "file:line rule message", with the Mermaid worker when built. */
async function lintCaseStudy(files: Record<string, string>): Promise<{ findings: string[]; checked: string[]; caseStudies: number }> {
  const services: RuleServices = {};
  let dispose = () => {};
  if (existsSync(workerPath)) {
    const { createMermaidValidator } = await import('../../server/core/node/mermaidValidator');
    const validator = createMermaidValidator({ workerPath, timeoutMs: 20_000 });
    services.mermaid = validator;
    dispose = () => validator.dispose();
  }
  const dir = makeTree(caseStudyFiles('snippets', files));
  try {
    const linter = new Linter({ fs: nodeFileSystem, services });
    const result = await checkWorkspace(dir, DEFAULT_CONFIG, linter, nodeFileSystem);
    const findings = [...result.findings.values()].flat().map((f) => `${path.relative(path.join(dir, 'case-studies/snippets'), f.path)}:${f.range.start.line} ${f.ruleId} ${f.message}`);
    const checked = Object.keys(files).filter((name) => result.findings.has(path.join(dir, 'case-studies/snippets', name)));
    return { findings: findings.sort(), checked, caseStudies: result.caseStudies.length };
  } finally {
    dispose();
    removeTree(dir);
  }
}

const allDiagrams = (typed: Record<string, Record<number, string>> = {}) =>
  Object.values(markdown)
    .filter((s) => prefixes(s)[0].startsWith('dn-mermaid-'))
    .map((s) => expandSnippet(parseSnippet(bodyText(s)), VARIABLES, typed[prefixes(s)[0]]))
    .join('\n\n');

test('the file and section snippets left as inserted are reported as not written (their examples are prompts, not content)', async () => {
  const files = {
    'requirements.md': expand(byPrefix(markdown, 'dn-requirements')),
    'high-level-design.md': expand(byPrefix(markdown, 'dn-hld')),
    'trade-offs.md': `${expand(byPrefix(markdown, 'dn-tradeoffs'))}\n${expand(byPrefix(markdown, 'dn-tradeoff'))}`,
    'diagrams.md': `# Diagrams\n\n${allDiagrams()}\n`,
  };
  const { findings, checked, caseStudies } = await lintCaseStudy(files);
  // Every required section of the skeletons is reported empty, and the trade-offs file as holding no trade-off: the
  // examples live in HTML comments (a comment-only bullet is an empty bullet) and in the diagram's %% comment.
  assert.deepEqual(findings, [
    "high-level-design.md:11 empty-section Section 'Key Components' is empty: write it or remove the heading.",
    "high-level-design.md:2 empty-section Section 'Architecture' is empty: write it or remove the heading.",
    "requirements.md:2 empty-section Section 'Functional Requirements' is empty: write it or remove the heading.",
    "requirements.md:6 empty-section Section 'Non-Functional Requirements' is empty: write it or remove the heading.",
    "trade-offs.md:0 no-alternatives 'trade-offs.md' holds no trade-off: name each decision, the alternatives you considered and why they lost.",
  ]);
  assert.equal(caseStudies, 1);
  assert.deepEqual(checked, Object.keys(files));
});

test('the requirement snippets left as inserted are reported too (dn-fr-nfr, then dn-nfr with only its attribute chosen)', async () => {
  const files = {
    'requirements.md': `# Rate Limiter: Requirements\n\n${expand(byPrefix(markdown, 'dn-fr-nfr'))}\n${expand(byPrefix(markdown, 'dn-nfr'))}\n`,
  };
  const { findings } = await lintCaseStudy(files);
  // The case study has only this file; its missing siblings are beside the point here.
  assert.deepEqual(findings.filter((f) => !f.includes(' missing-file ')), [
    "requirements.md:10 unquantified-nfr Non-functional requirement 'Availability:' has no measurable target: add one, e.g. '99.9% monthly availability'.",
    "requirements.md:2 empty-section Section 'Functional Requirements' is empty: write it or remove the heading.",
  ]);
});

/** What a student types at each tab stop (by snippet prefix and tab-stop number); choices keep their first option. */
const TYPED: Record<string, Record<number, string>> = {
  'dn-requirements': {
    1: 'Rate Limiter',
    2: 'Clients are told when they exceed their quota and when they may retry.',
    3: 'Latency: p99 limit decision under 5 ms at 50,000 requests/s.',
    4: 'Per-customer quota dashboards.',
  },
  'dn-hld': {
    1: 'Rate Limiter',
    3: 'client([Clients]) --> limiter[Rate Limiter]\n    limiter --> api[API Service]\n    limiter --> redis[(Redis counters)]',
    4: 'Every request passes the limiter, which increments a per-client counter in Redis and rejects the request with 429 once the quota is used up.',
    5: '**Rate Limiter**: checks and increments the client\'s counter; stateless, scales horizontally.',
    6: 'The client calls the API; the limiter checks its counter first.',
  },
  'dn-tradeoffs': {
    1: 'Rate Limiter',
    2: 'Redis instead of Memcached for counters',
    3: 'Redis, for atomic INCR with expiry in one call.',
    4: 'Memcached: counting needs a read-modify-write race guard.',
    5: 'One more stateful service to run.',
  },
  'dn-tradeoff': {
    1: 'Sliding window vs fixed window',
    2: 'Sliding window log, so a burst at a window edge cannot double the quota.',
    3: 'Fixed window: simpler, but lets twice the quota through around the boundary.',
    4: 'More memory per client.',
  },
  'dn-capacity': { 1: '50 million', 2: '1', 3: '~580/s', 5: '~2,900/s', 7: '~290,000/s', 8: '500 bytes', 9: '~9 TB', 10: '~145 MB/s' },
  'dn-api': { 2: '/v1/limits', 3: 'clientId, quota', 4: '201, limit', 5: 'admin only', 7: '/v1/limits/:clientId', 8: 'none', 9: '200, remaining quota', 10: 'read from Redis' },
  'dn-datamodel': { 1: 'quota', 2: 'client_id', 3: 'string(36)', 4: 'primary key', 5: 'limit_per_minute', 6: 'int', 7: 'not null', 8: 'updated_at', 9: 'timestamp', 10: 'audited' },
  'dn-adr': {
    2: 'Fail open when Redis is unreachable',
    5: 'The limiter protects the API; an outage of Redis should not take the API down with it.',
    6: 'When Redis does not answer within 10 ms, the request is let through and counted locally.',
    7: 'Fail closed, rejected because a Redis outage would reject every request.',
    8: 'During an outage clients may exceed their quota.',
  },
};
const filled = (prefix: string) => expandSnippet(parseSnippet(bodyText(byPrefix(markdown, prefix))), VARIABLES, TYPED[prefix]);

test('the file skeletons with their tab stops written, and every Mermaid snippet, lint clean', async () => {
  const files: Record<string, string> = {
    'requirements.md': filled('dn-requirements'),
    'high-level-design.md': filled('dn-hld'),
    'trade-offs.md': `${filled('dn-tradeoffs')}\n${filled('dn-tradeoff')}\n${filled('dn-adr')}`,
    'diagrams.md': `# Diagrams\n\n${allDiagrams()}\n`,
    'api.md': `# API\n\n${filled('dn-api')}\n\n${filled('dn-datamodel')}\n\n${filled('dn-capacity')}\n`,
  };
  // Not vacuous: the typed text replaced every prompt (no comment is left where the student writes).
  for (const name of ['requirements.md', 'high-level-design.md']) assert.doesNotMatch(files[name].replace(/^<!--.*-->$/gm, ''), /<!--|%%/, name);
  const { findings, checked, caseStudies } = await lintCaseStudy(files);
  assert.deepEqual(findings, []);
  assert.equal(caseStudies, 1);
  assert.deepEqual(checked, Object.keys(files));
});

test('the table snippets left as inserted are not written text: their example rows are the snippet\'s, not the writer\'s', async () => {
  const tables = ['dn-capacity', 'dn-api', 'dn-datamodel'];
  const requirements = (body: string) =>
    `# Rate Limiter: Requirements\n\n## Functional Requirements\n\n- Clients are told when they exceed their quota.\n\n## Non-Functional Requirements\n\n${body}\n`;
  for (const prefix of tables) {
    // Under a required heading: the section is empty, as with nothing under it.
    const { findings } = await lintCaseStudy({ 'requirements.md': requirements(expand(byPrefix(markdown, prefix))) });
    assert.deepEqual(
      findings.filter((f) => !f.includes(' missing-file ')),
      ["requirements.md:6 empty-section Section 'Non-Functional Requirements' is empty: write it or remove the heading."],
      prefix,
    );
    // A file of a title and the table: not written yet.
    const alone = await lintCaseStudy({ 'notes.md': `# Notes\n\n${expand(byPrefix(markdown, prefix))}\n` });
    assert.ok(
      alone.findings.includes(`notes.md:0 stub-file 'notes.md' is not written yet: it holds only its title and '${prefix} example rows'.`),
      `${prefix}: ${alone.findings.join('\n')}`,
    );
    // One example cell rewritten: the writer has started the table, it is written text.
    const started = await lintCaseStudy({ 'requirements.md': requirements(filled(prefix)) });
    assert.deepEqual(
      started.findings.filter((f) => !f.includes(' missing-file ') && !f.includes(' unquantified-nfr ')),
      [],
      prefix,
    );
  }
});
