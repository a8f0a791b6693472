// Property tests of the core on random and mutated Markdown: nothing throws out of parsing or linting, no rule hits
// an internal error, and every finding points inside its document. Seeded (see support.ts); `npm run fuzz` runs
// longer with a random seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMarkdown } from '../../server/core/markdown';
import { Linter } from '../../server/core/engine';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { listCaseStudyFiles } from '../../server/core/caseStudy';
import type { Finding } from '../../server/core/types';
import { mutatedDocument, randomMarkdown } from './markdownArbitraries';
import { fuzzParams, fuzzTimeout, linesOf, markdownSeeds, memoryFileSystem, rangeProblem } from './support';

const seeds = markdownSeeds();
const CS = '/ws/case-studies/fuzz';
const KINDS = ['requirements', 'high-level-design', 'trade-offs', undefined] as const;

function checkDocument(text: string): void {
  const doc = parseMarkdown(text);
  const lines = linesOf(text);
  assert.equal(doc.lines.length, lines.length, 'the model has one entry per source line');
  for (const h of doc.headings) {
    assert.equal(
      rangeProblem(h.range, lines),
      undefined,
      `heading ${JSON.stringify(h.text)}: ${rangeProblem(h.range, lines)}`,
    );
    assert.ok(
      h.line < lines.length && h.sectionEndLine <= lines.length && h.sectionEndLine > h.line,
      `heading section ${h.line}..${h.sectionEndLine}`,
    );
  }
  for (const item of doc.listItems)
    assert.equal(rangeProblem(item.range, lines), undefined, `list item ${JSON.stringify(item.text)}`);
  for (const f of doc.fences) {
    assert.equal(rangeProblem(f.openRange, lines), undefined, 'fence open range');
    assert.ok(f.openLine <= f.closeLine && f.closeLine < lines.length, `fence lines ${f.openLine}..${f.closeLine}`);
    for (const cl of f.contentLines) {
      assert.ok(
        cl.line < lines.length && cl.character <= lines[cl.line].length,
        `fence content line ${JSON.stringify(cl)}`,
      );
    }
  }
  for (const l of doc.proseLines) assert.ok(l >= 0 && l < lines.length, `prose line ${l}`);
}

function checkFindings(findings: Iterable<Finding>, texts: Map<string, string>): void {
  for (const f of findings) {
    assert.doesNotMatch(f.message, /internal error/, `rule ${f.ruleId} failed: ${f.detail ?? f.message}`);
    const text = texts.get(f.path);
    // Findings on the case-study folder itself sit at 0:0.
    const lines = text === undefined ? [''] : linesOf(text);
    assert.equal(
      rangeProblem(f.range, lines),
      undefined,
      `${f.ruleId} at ${JSON.stringify(f.range)} in ${f.path}: ${rangeProblem(f.range, lines)}`,
    );
  }
}

async function lintAsEachKind(text: string): Promise<void> {
  const linter = new Linter({ fs: memoryFileSystem({}) });
  const cs = { root: '/ws', path: CS, name: 'fuzz', files: [] };
  for (const kind of KINDS) {
    const p = `${CS}/${kind ?? 'notes'}.md`;
    const findings = await linter.lintFile(linter.parse(p, text, kind), DEFAULT_CONFIG, kind ? cs : undefined);
    checkFindings(findings, new Map([[p, text]]));
  }
}

test(
  'parseMarkdown: random hostile Markdown never throws and every position lies in the document',
  { timeout: fuzzTimeout(60_000) },
  () => {
    fc.assert(
      fc.property(randomMarkdown, (text) => checkDocument(text)),
      fuzzParams(400),
    );
  },
);

test(
  'parseMarkdown: mutated real documents never throw and every position lies in the document',
  { timeout: fuzzTimeout(120_000) },
  () => {
    assert.ok(seeds.length > 0, 'there are seed documents to mutate');
    fc.assert(
      fc.property(mutatedDocument(seeds), ({ text }) => checkDocument(text)),
      fuzzParams(300),
    );
  },
);

test(
  'Linter.lintFile: random Markdown as each kind of case-study file; no rule fails, ranges inside the file',
  { timeout: fuzzTimeout(60_000) },
  async () => {
    await fc.assert(
      fc.asyncProperty(randomMarkdown, (text) => lintAsEachKind(text)),
      fuzzParams(200),
    );
  },
);

test(
  'Linter.lintFile: mutated real documents as each kind of file; no rule fails, ranges inside the file',
  { timeout: fuzzTimeout(120_000) },
  async () => {
    await fc.assert(
      fc.asyncProperty(mutatedDocument(seeds), ({ text }) => lintAsEachKind(text)),
      fuzzParams(150),
    );
  },
);

test(
  'Linter.lintCaseStudy: a case study of three mutated files (and a linked one) never throws; ranges inside each file',
  { timeout: fuzzTimeout(120_000) },
  async () => {
    const doc = mutatedDocument(seeds);
    await fc.assert(
      fc.asyncProperty(doc, doc, doc, randomMarkdown, async (req, hld, trade, linked) => {
        const files: Record<string, string> = {
          [`${CS}/requirements.md`]: req.text,
          // A link from the design to another note makes no-diagram read a second file through the engine.
          [`${CS}/high-level-design.md`]: `[diagram](diagrams/linked.md)\n${hld.text}`,
          [`${CS}/trade-offs.md`]: trade.text,
          [`${CS}/diagrams/linked.md`]: linked,
        };
        const fs = memoryFileSystem(files);
        const linter = new Linter({ fs });
        const cs = {
          root: '/ws',
          path: CS,
          name: 'fuzz',
          files: await listCaseStudyFiles(CS, DEFAULT_CONFIG, fs, '/ws'),
        };
        assert.equal(cs.files.length, 4);
        const results = await linter.lintCaseStudy(cs, DEFAULT_CONFIG);
        checkFindings([...results.values()].flat(), new Map(Object.entries(files)));
      }),
      fuzzParams(100),
    );
  },
);
