// The speed-ups that profiling led to (see docs/benchmarks.md) must not change any result. These tests compare the
// fast paths with the straightforward code they replace; they assert behaviour, never timings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { normalizeHeading, normalizeWords } from '../../server/core/normalize';
import { discoverCaseStudies, PathMatcher, pathMatcherFor } from '../../server/core/caseStudy';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { Linter } from '../../server/core/engine';
import type { FileSystem } from '../../server/core/fileSystem';
import { nodeFileSystem, syncNodeFileSystem } from '../../server/core/node';
import { checkWorkspace, mapConcurrently } from '../../server/core/workspace';
import { parseMarkdown, type MarkdownDocument } from '../../server/core/markdown';
import { randomMarkdown } from '../robustness/markdownArbitraries';
import type { Finding } from '../../server/core/types';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';

/** normalizeWords as it was before its ASCII fast path: the reference the fast path must agree with. */
function referenceNormalizeWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const asciiText = fc.string({
  unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});

test('normalizeWords: the ASCII fast path gives the same words as the full Unicode path', () => {
  for (const s of [
    'Non-Functional Requirements',
    'Trade-Offs & Decisions',
    '  API  design!!',
    '',
    'HLD_v2',
    'a\tb\nc',
    '\x00\x7f',
  ]) {
    assert.equal(normalizeWords(s), referenceNormalizeWords(s), JSON.stringify(s));
  }
  fc.assert(
    fc.property(asciiText, (s) => normalizeWords(s) === referenceNormalizeWords(s)),
    { seed: 8, numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => normalizeWords(s) === referenceNormalizeWords(s)),
    { seed: 8, numRuns: 500 },
  );
  // Non-ASCII text still takes the full path (accents dropped, other scripts kept).
  assert.equal(normalizeWords('Überblick & Café'), 'uberblick and cafe');
  assert.equal(normalizeHeading('2. ⚡ Nicht-funktionale Anforderungen'), 'nicht funktionale anforderungen');
});

test('pathMatcherFor: one compiled matcher per set of globs, answering like a fresh PathMatcher', () => {
  const a = pathMatcherFor(DEFAULT_CONFIG);
  assert.equal(
    pathMatcherFor({ caseStudies: [...DEFAULT_CONFIG.caseStudies], exclude: [...DEFAULT_CONFIG.exclude] }),
    a,
    'same globs, same matcher',
  );
  const other = { caseStudies: ['docs/*'], exclude: [] };
  const b = pathMatcherFor(other);
  assert.notEqual(b, a);
  const fresh = new PathMatcher(other);
  for (const rel of ['docs/x', 'case-studies/x', 'a/case-studies/y', 'node_modules/case-studies/z', 'docs']) {
    assert.equal(b.isCaseStudyFolder(rel), fresh.isCaseStudyFolder(rel), rel);
    assert.equal(a.isCaseStudyFolder(rel), new PathMatcher(DEFAULT_CONFIG).isCaseStudyFolder(rel), rel);
    assert.equal(a.isExcluded(rel), new PathMatcher(DEFAULT_CONFIG).isExcluded(rel), rel);
  }
});

/** Everything a check produces, in a comparable form. */
async function snapshot(root: string, fs: FileSystem, keepParsed?: boolean, concurrency?: number): Promise<unknown> {
  const linter = new Linter({ fs, keepParsed });
  const result = await checkWorkspace(root, DEFAULT_CONFIG, linter, fs, root, { concurrency });
  return {
    caseStudies: result.caseStudies.map((c) => [c.path, c.files]),
    findings: [...result.findings].sort(([a], [b]) => a.localeCompare(b)),
    notes: result.notes,
  };
}

test('syncNodeFileSystem and keepParsed: false give the CLI exactly the results of the asynchronous file system', async () => {
  const { 'trade-offs.md': _tradeOffs, ...partial } = CLEAN_CASE_STUDY;
  const root = makeTree({
    ...caseStudyFiles('clean', CLEAN_CASE_STUDY),
    ...caseStudyFiles('partial', {
      ...partial,
      'requirements.md': '# R\n\n## Functional Requirements\n\n- fast\n',
      'diagrams/flow.mmd': 'flowchart LR\n  a --> b\n',
    }),
    'notes/loose.md': '# Loose\n\nTODO\n',
    'case-studies/binary/requirements.md': new Uint8Array([0x23, 0x20, 0, 1, 2]),
  });
  try {
    // A dangling link and a link to a folder, which both file systems must type the same way.
    symlinkSync(path.join(root, 'nowhere.md'), path.join(root, 'case-studies/partial/dangling.md'));
    symlinkSync(path.join(root, 'case-studies/clean'), path.join(root, 'notes/linked'));
    mkdirSync(path.join(root, 'case-studies/empty'));
    writeFileSync(path.join(root, 'case-studies/partial/high-level-design.md'), '# HLD\n\n## Architecture\n\ntext\n');
    const reference = await snapshot(root, nodeFileSystem);
    assert.deepEqual(await snapshot(root, syncNodeFileSystem), reference);
    assert.deepEqual(await snapshot(root, syncNodeFileSystem, false), reference);
    // Case studies checked several at a time (as the CLI does): same findings, stored in the same order.
    const concurrent = (await snapshot(root, syncNodeFileSystem, false, 8)) as { findings: unknown[] };
    assert.deepEqual(concurrent, reference);
    const linter = new Linter({ fs: nodeFileSystem });
    const inOrder = [...(await checkWorkspace(root, DEFAULT_CONFIG, linter, nodeFileSystem)).findings.keys()];
    assert.deepEqual(
      [
        ...(
          await checkWorkspace(root, DEFAULT_CONFIG, new Linter({ fs: nodeFileSystem }), nodeFileSystem, root, {
            concurrency: 3,
          })
        ).findings.keys(),
      ],
      inOrder,
    );
    for (const p of [
      'case-studies/partial/dangling.md',
      'notes/linked',
      'case-studies/binary/requirements.md',
      'missing.md',
      'notes',
    ]) {
      const abs = path.join(root, p);
      assert.deepEqual(await syncNodeFileSystem.stat(abs), await nodeFileSystem.stat(abs), `stat ${p}`);
      assert.deepEqual(await syncNodeFileSystem.readFile(abs), await nodeFileSystem.readFile(abs), `readFile ${p}`);
      assert.deepEqual(await syncNodeFileSystem.realpath(abs), await nodeFileSystem.realpath(abs), `realpath ${p}`);
    }
    assert.deepEqual(
      await syncNodeFileSystem.readDirectory(path.join(root, 'case-studies/partial')),
      await nodeFileSystem.readDirectory(path.join(root, 'case-studies/partial')),
    );
    assert.deepEqual(await syncNodeFileSystem.readDirectory(path.join(root, 'nope')), []);
    // The snapshot really covers something: findings on the partial case study, and discovery of all four folders.
    const discovered = await discoverCaseStudies(root, DEFAULT_CONFIG, syncNodeFileSystem);
    assert.deepEqual(
      discovered.caseStudies.map((c) => c.name),
      ['binary', 'clean', 'empty', 'partial'],
    );
    const findings = (reference as { findings: [string, { ruleId: string }[]][] }).findings.flatMap(([, list]) =>
      list.map((f) => f.ruleId),
    );
    assert.ok(
      findings.includes('missing-file') && findings.includes('file-skipped') && findings.includes('missing-section'),
      findings.join(','),
    );
  } finally {
    removeTree(root);
  }
});

test('keepParsed: false re-parses on every read; the default reuses the parse of unchanged text', async () => {
  const root = makeTree(caseStudyFiles('clean', CLEAN_CASE_STUDY));
  try {
    const file = path.join(root, 'case-studies/clean/requirements.md');
    const keeping = new Linter({ fs: nodeFileSystem });
    const config = DEFAULT_CONFIG;
    assert.equal((await keeping.read(file, config)).file, (await keeping.read(file, config)).file);
    const oneShot = new Linter({ fs: nodeFileSystem, keepParsed: false });
    const first = (await oneShot.read(file, config)).file;
    const second = (await oneShot.read(file, config)).file;
    assert.notEqual(first, second);
    assert.deepEqual(first, second);
  } finally {
    removeTree(root);
  }
});

test('the parse cache is bounded (files and characters), and a check with a tiny cache finds exactly the same', async () => {
  const { 'trade-offs.md': _tradeOffs, ...partial } = CLEAN_CASE_STUDY;
  const root = makeTree({
    ...caseStudyFiles('clean', CLEAN_CASE_STUDY),
    ...caseStudyFiles('partial', partial),
    'notes/loose.md': '# Loose\n\nTODO\n',
  });
  try {
    const reference = await snapshot(root, nodeFileSystem);
    const tiny = new Linter({ fs: nodeFileSystem, keepParsed: { maxFiles: 2, maxChars: 1_000_000 } });
    const check = async () => {
      const result = await checkWorkspace(root, DEFAULT_CONFIG, tiny, nodeFileSystem, root);
      return {
        caseStudies: result.caseStudies.map((c) => [c.path, c.files]),
        findings: [...result.findings].sort(([a], [b]) => a.localeCompare(b)),
        notes: result.notes,
      };
    };
    assert.deepEqual(await check(), reference);
    assert.equal(tiny.parsedCount, 2);
    assert.deepEqual(await check(), reference, 'again, with files evicted and parsed anew');
    const byChars = new Linter({ fs: nodeFileSystem, keepParsed: { maxFiles: 100, maxChars: 1 } });
    await checkWorkspace(root, DEFAULT_CONFIG, byChars, nodeFileSystem, root);
    assert.equal(byChars.parsedCount, 1, 'only the newest file over the character bound');
    const unbounded = new Linter({ fs: nodeFileSystem });
    await checkWorkspace(root, DEFAULT_CONFIG, unbounded, nodeFileSystem, root);
    assert.ok(unbounded.parsedCount > 2, 'the default keeps a workspace this small whole');
  } finally {
    removeTree(root);
  }
});

/** A parse as plain data (the Set of prose lines as a sorted list) for deep comparison. */
function model(doc: MarkdownDocument): unknown {
  return { ...doc, proseLines: [...doc.proseLines].sort((a, b) => a - b) };
}

function sameModel(text: string): boolean {
  return (
    JSON.stringify(model(parseMarkdown(text))) === JSON.stringify(model(parseMarkdown(text, { eagerInline: true })))
  );
}

test('parseMarkdown: inline-parsing only where it is used gives the same model as the full markdown-it parse', () => {
  const cases = [
    '# T\n\n- item with \\*escaped\\* text and `code`\n- ![alt *x*](d.png) and [l](a.md)\n  continued\n\n1. <https://x.y>\n',
    'See [the design][hld] and [hld].\n\n[hld]: high-level-design.md "HLD"\n',
    'Plain paragraph without links.\n\n## Heading with [a link](x.md)\n\nInline <a href="y.md">html</a> and <b>bold</b>.\n',
    '> - quoted item [x](q.md)\n>   more\n\n* a\n    * nested &amp; entity \\[not a link]\n',
    '---\ntitle: x\n---\n# After front matter\n\n- [ ] task\n- [x] done\n',
  ];
  for (const text of cases) assert.ok(sameModel(text), text);
  // The documents above do contain what the selective parse must still find.
  const doc = parseMarkdown(cases[0]);
  assert.deepEqual(
    doc.links.map((l) => [l.href, l.isImage]),
    [
      ['d.png', true],
      ['a.md', false],
      ['https://x.y', false],
    ],
  );
  assert.deepEqual(
    doc.listItems.map((i) => i.text),
    ['item with *escaped* text and code', 'alt *x* and l continued', 'https://x.y'],
  );
  assert.deepEqual(
    parseMarkdown(cases[1]).links.map((l) => l.href),
    ['high-level-design.md', 'high-level-design.md'],
  );
  fc.assert(fc.property(randomMarkdown, sameModel), { seed: 8, numRuns: 400 });
});

test('parseMarkdown: same model both ways on every file of the shared corpus (when present)', (t) => {
  const corpus = path.resolve(__dirname, '../../../shared/corpus');
  if (!existsSync(corpus)) return t.skip('../shared/corpus is absent');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const abs = path.join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (/\.mdx?$/i.test(name)) files.push(abs);
    }
  };
  walk(corpus);
  assert.ok(files.length > 100);
  for (const f of files) assert.ok(sameModel(readFileSync(f, 'utf8')), f);
});

test('mapConcurrently: results in item order, never more than the limit in flight', async () => {
  let inFlight = 0;
  let most = 0;
  const items = Array.from({ length: 20 }, (_, i) => i);
  const task = async (i: number) => {
    inFlight++;
    most = Math.max(most, inFlight);
    // Later items finish first, so completion order differs from item order.
    await new Promise((r) => setTimeout(r, 20 - i));
    inFlight--;
    return i * 2;
  };
  assert.deepEqual(
    await mapConcurrently(items, 4, task),
    items.map((i) => i * 2),
  );
  assert.equal(most, 4);
  most = 0;
  assert.deepEqual(
    await mapConcurrently(items, 1, task),
    items.map((i) => i * 2),
  );
  assert.equal(most, 1);
  assert.deepEqual(await mapConcurrently([], 8, task), []);
});

test('CheckService: the per-path owner index gives the findings of asking every case study', async () => {
  const { CheckService } = await import('../../server/checkService');
  const { 'trade-offs.md': _t, ...noTradeOffs } = CLEAN_CASE_STUDY;
  const root = makeTree({
    ...caseStudyFiles('a', noTradeOffs),
    ...caseStudyFiles('b', { ...CLEAN_CASE_STUDY, 'requirements.md': '# R\n\n## Functional Requirements\n\n- TODO\n' }),
    ...caseStudyFiles('c', CLEAN_CASE_STUDY),
    // A case study inside another one's folder: its files belong to both, the case where order matters.
    ...caseStudyFiles('c/case-studies/inner', { 'requirements.md': '# Inner\n\nTBD\n' }),
  });
  try {
    const published = new Map<string, Finding[]>();
    const service = new CheckService(nodeFileSystem, (p, findings) => published.set(p, findings));
    const internals = service as unknown as { caseFindings: Map<string, Map<string, Finding[]>> };
    /** What findingsFor answered before the index: every case study asked, in caseFindings order. */
    const reference = (p: string) => [
      ...((service as unknown as { fileFindings: Map<string, Finding[]> }).fileFindings.get(p) ?? []),
      ...[...internals.caseFindings.values()].flatMap((m) => m.get(p) ?? []),
    ];
    const agree = (atLeast = 0) => {
      const paths = new Set([
        ...published.keys(),
        ...[...internals.caseFindings.values()].flatMap((m) => [...m.keys()]),
      ]);
      assert.ok(paths.size >= atLeast, `${paths.size} paths`);
      for (const p of paths) assert.deepEqual(service.findingsFor(p), reference(p), p);
    };
    await service.setFolders([root]);
    agree(10);
    assert.ok([...published.values()].flat().some((f) => f.ruleId === 'missing-file'));
    // Case studies dropped and re-checked keep the index in step with the stored findings.
    removeTree(path.join(root, 'case-studies/b'));
    await service.filesChanged([{ path: path.join(root, 'case-studies/b'), type: 'deleted' }]);
    agree();
    assert.deepEqual(service.findingsFor(path.join(root, 'case-studies/b/requirements.md')), []);
    writeFileSync(path.join(root, 'case-studies/a/trade-offs.md'), CLEAN_CASE_STUDY['trade-offs.md']);
    await service.filesChanged([{ path: path.join(root, 'case-studies/a/trade-offs.md'), type: 'created' }]);
    agree();
    await service.setFolders([]);
    agree();
    assert.equal((service as unknown as { caseFindingOwners: Map<string, unknown> }).caseFindingOwners.size, 0);
  } finally {
    removeTree(root);
  }
});
