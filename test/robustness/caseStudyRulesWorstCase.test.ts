// Worst-case inputs for the rules of issue 12 that read a whole case study (unquantified-nfr, no-alternatives) or
// decide what is not written yet (stub-file, placeholder paragraphs, section forms): each input is about 500 KB, shaped
// to hit a pattern that would make the rule quadratic (many trigger words in one sentence, thousands of siblings under
// one long heading, deep lists, many bold labels, a case study where every line states a number). A linear pass over
// them takes a second or two; a quadratic one, minutes. The bound is the test's timeout: no timings are asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from '../../server/core/engine';
import { DEFAULT_CONFIG } from '../../server/core/config';
import type { CaseStudy } from '../../server/core/caseStudy';
import { memoryFileSystem } from './support';

const SIZE = 500_000;
const TIMEOUT = 60_000;
const CS = '/ws/case-studies/worst';

function repeat(unit: string, size = SIZE): string {
  return unit.repeat(Math.max(1, Math.floor(size / unit.length)));
}

/** Lint a case study of the given files (name → text) as the engine does: case-study rules and per-file rules. */
async function lintCase(files: Record<string, string>): Promise<string[]> {
  const paths = Object.fromEntries(Object.entries(files).map(([name, text]) => [`${CS}/${name}`, text]));
  const linter = new Linter({ fs: memoryFileSystem(paths) });
  const kinds: Record<string, string> = {
    'requirements.md': 'requirements',
    'high-level-design.md': 'high-level-design',
    'trade-offs.md': 'trade-offs',
  };
  const cs: CaseStudy = {
    root: '/ws',
    path: CS,
    name: 'worst',
    files: Object.keys(files).map((name) => ({ path: `${CS}/${name}`, relative: name, kind: kinds[name] })),
  };
  const results = await linter.lintCaseStudy(cs, DEFAULT_CONFIG);
  const findings = [...results.values()].flat();
  for (const f of findings) assert.doesNotMatch(f.message, /internal error/, `${f.ruleId}: ${f.detail ?? f.message}`);
  return findings.map((f) => f.ruleId);
}

const NFR = '# R\n\n## Functional Requirements\n\n- x\n\n## Non-Functional Requirements\n\n';
const CASES: { name: string; files: Record<string, string> }[] = [
  {
    name: 'no-alternatives: one sentence of "chose … over"-like words',
    files: { 'trade-offs.md': `# T\n\n## Caching\n\n${repeat('chose picked selected preferred ')}\n` },
  },
  {
    name: 'no-alternatives: "over" and "than" followed by digits, many times',
    files: { 'trade-offs.md': `# T\n\n## Caching\n\n${repeat('over 1 than 2 over the 3 ')}\n` },
  },
  {
    name: 'no-alternatives: thousands of sibling trade-offs under one long heading',
    files: { 'trade-offs.md': `# T\n\n## ${repeat('chose ', 50_000)}\n\n${repeat('### Logging\n\nWe log.\n\n')}` },
  },
  {
    name: 'no-alternatives: many decisions in the design, many analysed trade-offs',
    files: {
      'high-level-design.md': `# H\n\n## Design Decisions\n\n${repeat('### Redis counters\n\nRedis.\n\n', SIZE / 2)}`,
      'trade-offs.md': `# T\n\n${repeat('## Redis vs Memcached\n\nRedis.\n\n', SIZE / 2)}`,
    },
  },
  {
    name: 'no-alternatives: phase lists and table rows',
    files: { 'trade-offs.md': `# T\n\n## Caching\n\n${repeat('- Phase 1: x\n| a | b |\n')}` },
  },
  {
    name: 'unquantified-nfr: every line of the case study states a number',
    files: {
      'requirements.md': NFR + repeat('- Low latency\n', SIZE / 2),
      'notes.md': repeat('- 99.9% uptime, 10 regions, $5 per month\n', SIZE / 2),
    },
  },
  {
    name: 'unquantified-nfr: deep list nesting',
    files: {
      'requirements.md':
        NFR +
        Array.from({ length: 90 }, (_, d) => `${'  '.repeat(d)}- level ${d} is fast:\n`)
          .join('')
          .repeat(60),
    },
  },
  {
    name: 'unquantified-nfr: one huge bullet of labels and names with digits',
    files: { 'requirements.md': `${NFR}- ${repeat('Availability: S3 OAuth2 p99 Phase 1 e.g. ')}\n` },
  },
  {
    name: 'unquantified-nfr: many list intros ending in a colon',
    files: { 'requirements.md': NFR + repeat('**How to achieve:**\n\n- replicate\n\n') },
  },
  {
    name: 'unquantified-nfr: a long parent bullet over thousands of children',
    files: {
      'requirements.md': `${NFR}- ${repeat('reliable and fast ', SIZE / 2)}:\n${repeat('  - quick\n', SIZE / 2)}`,
    },
  },
  {
    name: 'unquantified-nfr: a long heading over thousands of bullets',
    files: { 'requirements.md': `${NFR}### ${repeat('Performance ', SIZE / 2)}\n\n${repeat('- quick\n', SIZE / 2)}` },
  },
  {
    name: 'unquantified-nfr: a long list intro over thousands of bullets',
    files: { 'requirements.md': `${NFR}${repeat('Performance ', SIZE / 2)}:\n\n${repeat('- quick\n', SIZE / 2)}` },
  },
  {
    name: 'stub-file and placeholders: many placeholder paragraphs',
    files: { 'high-level-design.md': repeat('# T\n\n*Content coming soon...*\n\n') },
  },
  {
    name: 'section forms: many bold labels and labelled items under the title',
    files: { 'high-level-design.md': `# H\n\n${repeat('- **Gateway** — routes\n')}\n${repeat('**Label**: text\n\n')}` },
  },
];

for (const c of CASES) {
  const size = Object.values(c.files).reduce((n, t) => n + t.length, 0);
  test(`${c.name} (${Math.round(size / 1000)} KB) is checked in linear time`, { timeout: TIMEOUT }, async () => {
    await lintCase(c.files);
  });
}

test('the rules still find what they should on ordinary input', { timeout: TIMEOUT }, async () => {
  const ids = await lintCase({
    'requirements.md': `${NFR}- Highly available\n`,
    'high-level-design.md': '# H\n\n*Content coming soon...*\n',
    'trade-offs.md': '# T\n\n## Queue\n\nWe chose Kafka over RabbitMQ.\n\n## Cache\n\nWe cache profiles.\n',
  });
  assert.deepEqual(ids.sort(), ['no-alternatives', 'stub-file', 'unquantified-nfr']);
});
