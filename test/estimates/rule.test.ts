// estimate-math through the rule engine and the CLI: where it fires and where it must not, the configured
// tolerance, and the quick fix's replacement in the user's style.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../../server/core/config';
import { Linter } from '../../server/core/engine';
import { stepsOf } from '../../server/core/estimates/calculations';
import { judge } from '../../server/core/estimates/verdict';
import { nodeFileSystem } from '../../server/core/node';
import { quickFixesFor } from '../../server/core/rules';
import { parseMarkdown } from '../../server/core/markdown';
import type { Finding } from '../../server/core/types';
import { checkWorkspace } from '../../server/core/workspace';
import { applyEdits } from '../support/applyEdits';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';

const ESTIMATES = [
  '# Estimates',
  '',
  '- Storage: 5B × 500 bytes = 250 GB',
  '- Reads: 1.5 TB ÷ 86,400 sec ≈ 17.4 GB/sec ≈ 139 Gbps',
  '- Peak: 100M × 10 ÷ 86,400 s ≈ 100K QPS',
  '- Rounded: 86,400 × 2 = 200K',
  '',
  '| What | Calculation | Result |',
  '| --- | --- | --- |',
  '| Cache | 600M × 127 bytes | **7.6 GB** |',
  '',
  '```',
  '5 × 5 = 30',
  '```',
  '',
  '## 2.1 Sizing = 2 × 2 = 5',
  '',
].join('\n');

async function lint(
  files: Record<string, string>,
  configText?: string,
): Promise<{ root: string; findings: Finding[] }> {
  const root = makeTree(files);
  const linter = new Linter({ fs: nodeFileSystem });
  const config = configText ? loadConfig(configText, linter.ruleIds).config : DEFAULT_CONFIG;
  const result = await checkWorkspace(root, config, linter, nodeFileSystem);
  return { root, findings: [...result.findings.values()].flat().filter((f) => f.ruleId === 'estimate-math') };
}

const brief = (root: string, fs: Finding[]) =>
  fs.map((f) => `${path.relative(root, f.path)}:${f.range.start.line}:${f.range.start.character} ${f.message}`).sort();

test('fires on wrong steps in case-study files (prose, chains, tables), not in code blocks, headings, or within tolerance', async () => {
  const { root, findings } = await lint({
    ...caseStudyFiles('shortener', { ...CLEAN_CASE_STUDY, 'estimates.md': ESTIMATES }),
  });
  try {
    assert.deepEqual(brief(root, findings), [
      'case-studies/shortener/estimates.md:2:28 5B × 500 bytes = 2.5 TB, not 250 GB (10× too small).',
      'case-studies/shortener/estimates.md:3:31 1.5 TB ÷ 86,400 sec = 17.4 MB/s, not 17.4 GB/sec (1,000× too large).',
      'case-studies/shortener/estimates.md:4:31 100M × 10 ÷ 86,400 s = 11,574/s, not 100K QPS (8.6× too large).',
      'case-studies/shortener/estimates.md:9:31 600M × 127 bytes = 76.2 GB, not 7.6 GB (10× too small).',
    ]);
  } finally {
    removeTree(root);
  }
});

test('does not run outside case studies, like the other design-quality rules', async () => {
  const { root, findings } = await lint({
    'notes/estimates.md': ESTIMATES,
    ...caseStudyFiles('shortener', CLEAN_CASE_STUDY),
  });
  try {
    assert.deepEqual(findings, []);
  } finally {
    removeTree(root);
  }
});

test('estimates.tolerance widens or narrows what counts as wrong; invalid values are reported and the default stays', async () => {
  const files = caseStudyFiles('shortener', {
    ...CLEAN_CASE_STUDY,
    'estimates.md': '# E\n\n- Peak: 100M ÷ 86,400 s ≈ 1,400/s\n',
  });
  const strict = await lint(files, '{ "estimates": { "tolerance": 0.1 } }');
  const loose = await lint(files, '{ "estimates": { "tolerance": 0.3 } }');
  try {
    assert.deepEqual(brief(strict.root, strict.findings), [
      'case-studies/shortener/estimates.md:2:26 100M ÷ 86,400 s = 1,157/s, not 1,400/s (21% too large).',
    ]);
    assert.deepEqual(loose.findings, []);
  } finally {
    removeTree(strict.root);
    removeTree(loose.root);
  }
  const bad = loadConfig('{ "estimates": { "tolerance": "20%" } }');
  assert.equal(bad.config.estimateTolerance, 0.2);
  assert.match(bad.problems[0].message, /"estimates\.tolerance" must be a number/);
});

/** The quick fix of the first wrong step of a line: the line after the fix. */
function fixed(line: string): string {
  const doc = parseMarkdown(line);
  const { step } = stepsOf(doc).find(({ step }) => judge(step).ok === false)!;
  const v = judge(step);
  assert.ok(v.ok === false && v.replacement && step.stated.written);
  const range = {
    start: { line: 0, character: step.stated.written.start },
    end: { line: 0, character: step.stated.written.end },
  };
  const fixes = quickFixesFor(
    'estimate-math',
    { kind: 'estimate-math', range, replacement: v.replacement },
    range,
    {} as never,
  );
  return applyEdits(line, fixes[0].edits);
}

test("the quick fix keeps the user's unit, suffix and separator style and a similar precision", () => {
  assert.equal(fixed('5B × 500 bytes = 250 GB'), '5B × 500 bytes = 2,500 GB');
  assert.equal(fixed('5B × 500 bytes = **25 TB**'), '5B × 500 bytes = **2.5 TB**');
  assert.equal(fixed('1.5 TB ÷ 86,400 sec ≈ 17.4 GB/sec'), '1.5 TB ÷ 86,400 sec ≈ 17.4 MB/sec');
  assert.equal(fixed('100M ÷ 86,400 ≈ 115 writes/sec'), '100M ÷ 86,400 ≈ 1,160 writes/sec');
  assert.equal(fixed('10B ÷ 86,400 ≈ 11,574 reads/sec'), '10B ÷ 86,400 ≈ 115,700 reads/sec');
  assert.equal(fixed('3B × 0.2 = 60 million URLs'), '3B × 0.2 = 600 million URLs');
  assert.equal(fixed('3B × 0.2 = 6B'), '3B × 0.2 = 600M');
  assert.equal(fixed('2 × 500 MB = 100 MB'), '2 × 500 MB = 1,000 MB');
  assert.equal(fixed('100 × $0.10 = $100'), '100 × $0.10 = $10');
  assert.equal(fixed('20% × 50 = 20%'), '20% × 50 = 1,000%');
  assert.equal(fixed('10M × 8 bytes = 8MB'), '10M × 8 bytes = 80MB');
  assert.equal(fixed('1,157 writes/s × 200 bytes ≈ 0.2 KB/s'), '1,157 writes/s × 200 bytes ≈ 231 KB/s');
});

test('the CLI reports estimate-math like the other rules (text and JSON)', () => {
  const CLI = path.resolve(__dirname, '../../dist/cli.js');
  const root = makeTree(
    caseStudyFiles('shortener', { ...CLEAN_CASE_STUDY, 'estimates.md': '# E\n\n- Storage: 5B × 500 bytes = 250 GB\n' }),
  );
  try {
    const text = spawnSync(process.execPath, [CLI, 'lint'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.match(
      text.stdout,
      /^case-studies\/shortener\/estimates\.md:3:29 warning estimate-math 5B × 500 bytes = 2\.5 TB, not 250 GB \(10× too small\)\.$/m,
    );
    const json = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    const found = JSON.stringify(JSON.parse(json.stdout));
    assert.match(found, /"estimate-math"/);
    const sarif = spawnSync(process.execPath, [CLI, 'lint', '--format', 'sarif'], { cwd: root, encoding: 'utf8' });
    assert.match(sarif.stdout, /"ruleId": ?"estimate-math"/);
  } finally {
    removeTree(root);
  }
});
