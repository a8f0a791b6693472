// Worst-case inputs for every rule and for the text helpers the rules run on (headings, HTML blocks, code spans,
// titles): each is close to 1 MB, the default maxFileSize, and shaped to hit the pattern that made a rule quadratic
// or worse (repeated trigger words, shrinking backtick runs, runs of comments, "<" and numbering prefixes). A linear
// rule needs a second or two for any of them; the quadratic versions needed minutes (no-alternatives on
// "chose chose …": 146 s; placeholder on shrinking backtick runs: 99 s). The bound is the test's timeout, far above
// the first and far below the second: this suite asserts no timings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from '../../server/core/engine';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { normalizeHeading } from '../../server/core/normalize';
import { parseMarkdown } from '../../server/core/markdown';
import { summarizeCaseStudy } from '../../server/core/caseStudySummary';
import { ALL_RULES as rules } from '../../server/core/rules';
import type { Finding } from '../../server/core/types';
import { memoryFileSystem } from './support';

const SIZE = 996_000;
/** Generous: a linear pass over 1 MB takes a second or two even on a loaded machine. */
const TIMEOUT = 60_000;
const CS = '/ws/case-studies/worst';

function repeat(unit: string, size = SIZE): string {
  return unit.repeat(Math.max(1, Math.floor(size / unit.length)));
}

async function lintAs(kind: string | undefined, text: string): Promise<Finding[]> {
  const linter = new Linter({ fs: memoryFileSystem({}) });
  const cs = { root: '/ws', path: CS, name: 'worst', files: [] };
  const p = `${CS}/${kind ?? 'notes'}.md`;
  const findings = await linter.lintFile(linter.parse(p, text, kind), DEFAULT_CONFIG, cs);
  for (const f of findings) assert.doesNotMatch(f.message, /internal error/, `${f.ruleId}: ${f.detail ?? f.message}`);
  return findings;
}

const ofRule = (findings: Finding[], id: string) => findings.filter((f) => f.ruleId === id);

/** Inputs per rule id; every rule has an entry, so a new rule without worst cases fails here. */
const WORST: Record<string, { kind: string | undefined; name: string; text: string }[]> = {
  'no-alternatives': [
    {
      kind: 'trade-offs',
      name: 'one sentence of "chose chose …" and no "over"',
      text: `## Caching\n\n${repeat('chose ')}\n`,
    },
    {
      kind: 'trade-offs',
      name: 'many short sentences with a choice word and no "over"',
      text: `## Caching\n\n${repeat('We chose it. ')}\n`,
    },
    {
      kind: 'trade-offs',
      name: '"over" far away after many sentences',
      text: `## Caching\n\n${repeat('preferred. ')} over\n`,
    },
    { kind: 'trade-offs', name: 'repeated "vs" and "compared"', text: `## Caching\n\n${repeat('vsx comparedx ')}\n` },
    {
      kind: 'high-level-design',
      name: 'a design-decisions container with a huge heading',
      text: `## Design Decisions\n\n### ${repeat('chose ', 200_000)}\n\ntext\n`,
    },
  ],
  placeholder: [
    {
      kind: 'requirements',
      name: 'shrinking backtick runs on one line',
      text: `TODO ${shrinkingBacktickRuns(SIZE)}\n`,
    },
    { kind: 'requirements', name: 'growing backtick runs on one line', text: `TODO ${growingBacktickRuns(SIZE)}\n` },
    { kind: 'requirements', name: '"[insert" without a closing bracket', text: `${repeat('[insert ')}\n` },
    { kind: 'requirements', name: 'one line of "TODO"', text: `${repeat('TODO ')}\n` },
    { kind: 'requirements', name: 'lone backticks', text: `TODO ${repeat('`a')}\n` },
  ],
  'unquantified-nfr': [
    {
      kind: 'requirements',
      name: 'one huge bullet of trigger words',
      text: `## Non-Functional Requirements\n\n- ${repeat('strong highly available single point exactly ')}\n`,
    },
    { kind: 'requirements', name: 'many bullets', text: `## Non-Functional Requirements\n\n${repeat('- fast\n')}` },
  ],
  'empty-section': [
    { kind: 'requirements', name: 'many empty headings', text: repeat('## Functional Requirements\n') },
  ],
  'missing-section': [
    { kind: 'requirements', name: 'a heading of "<"', text: `## ${repeat('<')}\n` },
    { kind: 'requirements', name: 'a heading of numbering prefixes', text: `## ${repeat('1. ')}x\n` },
    { kind: 'requirements', name: 'a heading of spaces', text: `# a${repeat(' ')}b\n` },
  ],
  'no-diagram': [{ kind: 'high-level-design', name: 'many links', text: repeat('[a](b.md) ') }],
  'mermaid-syntax': [
    { kind: 'high-level-design', name: 'many empty mermaid fences', text: repeat('```mermaid\n```\n', 60_000) },
  ],
  'missing-file': [{ kind: 'requirements', name: 'any text (the rule reads no text)', text: repeat('x ') }],
  'stub-file': [
    { kind: 'trade-offs', name: 'a title of a million characters', text: `# ${repeat('Trade-offs ')}\n` },
    {
      kind: 'trade-offs',
      name: 'many placeholder lines',
      text: `# Trade-offs\n\n${repeat('*Content coming soon…*\n\n')}`,
    },
  ],
  'file-skipped': [{ kind: 'requirements', name: 'any text (the rule reads no text)', text: repeat('x ') }],
  'estimate-math': [
    { kind: 'requirements', name: 'one line-long chain of products', text: `${repeat('2 × 3 = 6 × ')}1\n` },
    // Lines over 4,000 characters are skipped by the rule; these stay just under that, on every line.
    {
      kind: 'requirements',
      name: 'deeply nested parentheses on every line',
      text: repeat(`${'('.repeat(1990)}1${')'.repeat(1990)} = 1\n`),
    },
    {
      kind: 'requirements',
      name: 'chains just under the line cap on every line',
      text: repeat(`${'2 × 3 = 6 × '.repeat(330)}1\n`),
    },
    {
      kind: 'requirements',
      name: 'a number of a million digits with separators',
      text: `${repeat('1,000')} × 2 = 3\n`,
    },
    {
      kind: 'requirements',
      name: 'many short calculations, one per line',
      text: repeat('- 100M × 10 ÷ 86,400 s ≈ 11.6K QPS\n'),
    },
    {
      kind: 'requirements',
      name: 'a table of calculations',
      text: `| a | b |\n| --- | --- |\n${repeat('| 5B × 500 bytes | 250 GB |\n')}`,
    },
  ],
};

function shrinkingBacktickRuns(size: number): string {
  let out = '';
  for (let n = Math.floor(Math.sqrt(2 * size)); n > 0 && out.length < size; n--) out += '`'.repeat(n) + 'x';
  return out;
}

function growingBacktickRuns(size: number): string {
  let out = '';
  for (let n = 1; out.length < size; n++) out += '`'.repeat(n) + 'x';
  return out;
}

test('every rule has worst-case inputs here', () => {
  assert.deepEqual(Object.keys(WORST).sort(), rules.map((r) => r.meta.id).sort());
});

for (const [ruleId, cases] of Object.entries(WORST)) {
  for (const c of cases) {
    test(
      `${ruleId}: ${c.name} (${Math.round(c.text.length / 1000)} KB) is checked in linear time`,
      { timeout: TIMEOUT },
      async () => {
        await lintAs(c.kind, c.text);
      },
    );
  }
}

test('no-alternatives still accepts "chose X over Y" as naming the alternative', { timeout: TIMEOUT }, async () => {
  const found = ofRule(
    await lintAs('trade-offs', '# Trade-offs\n\n## Queue\n\nWe chose Kafka over RabbitMQ for replay.\n'),
    'no-alternatives',
  );
  assert.deepEqual(found, []);
});

test('placeholder: a marker inside a code span is quoted; after an unclosed run it is not', async () => {
  const found = ofRule(await lintAs('requirements', 'Write `TODO` here, ``a`` TODO, and ``` TBD\n'), 'placeholder');
  assert.deepEqual(
    found.map((f) => f.message.match(/'(\w+)'/)?.[1]),
    ['TODO', 'TBD'],
  );
});

test('headings and HTML blocks: the text helpers behave as before on ordinary input', () => {
  assert.equal(
    normalizeHeading('## 2.1. Step 3: <b>Non-Functional</b> Requirements'.replace(/^## /, '')),
    'non functional requirements',
  );
  assert.equal(normalizeHeading('1. 1. iv) Scale'), 'scale');
  const doc = parseMarkdown('# T\n\n<!-- a -->\n<!-- b -->\n\n## S\n\n<!-- c --> text\n');
  assert.equal(doc.headings[0].hasOwnContent, false, 'a block of comments is not content');
  assert.equal(doc.headings[1].hasOwnContent, true, 'a comment followed by text is content');
});

test(
  'parseMarkdown: an HTML block of many comments followed by text is parsed in linear time',
  { timeout: TIMEOUT },
  () => {
    const doc = parseMarkdown(`# T\n\n${repeat('<!--a-->', SIZE - 10)}x\n`);
    assert.equal(doc.headings[0].hasOwnContent, true);
  },
);

test(
  'the case-study summary trims "— Requirements" from a title of a million spaces in linear time',
  { timeout: TIMEOUT },
  () => {
    const text = `# a${repeat(' ')}b — Requirements\n`;
    const p = `${CS}/requirements.md`;
    const linter = new Linter({ fs: memoryFileSystem({}) });
    const file = linter.parse(p, text, 'requirements');
    const cs = {
      root: '/ws',
      path: CS,
      name: 'worst',
      files: [{ path: p, relative: 'requirements.md', kind: 'requirements' }],
    };
    const summary = summarizeCaseStudy(cs, new Map([[p, file]]), () => [], DEFAULT_CONFIG);
    assert.match(summary.title, /^a +b$/);
  },
);
