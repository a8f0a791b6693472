// Measured, not hoped: precision and recall of estimate-math on the synthetic labelled set, and no false alarm on
// the hand-labelled calculations of the real corpus (../shared/corpus). Figures are reported in docs/estimates.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { stepsOf } from '../../server/core/estimates/calculations';
import { judge } from '../../server/core/estimates/verdict';
import { parseMarkdown } from '../../server/core/markdown';
import { CALCULATIONS, NON_CALCULATIONS } from '../fixtures/estimates/synthetic';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

interface Score {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
const precision = (s: Score) => s.tp / (s.tp + s.fp);
const recall = (s: Score) => s.tp / (s.tp + s.fn);

/** The synthetic file: a heading, then every case on its own line, tables kept together with a header row. */
function syntheticDocument(): { text: string; lineOf: Map<number, number> } {
  const out = ['# Synthetic estimates', ''];
  const lineOf = new Map<number, number>();
  CALCULATIONS.forEach((c, i) => {
    if (c.line.startsWith('|')) out.push('', '| What | Calculation | Result |', '| --- | --- | --- |');
    lineOf.set(out.length, i);
    out.push(c.line);
    out.push('');
  });
  return { text: out.join('\n'), lineOf };
}

test('synthetic set: precision ≥ 95 % and recall ≥ 90 %, every labelled step read', (t) => {
  const { text, lineOf } = syntheticDocument();
  const doc = parseMarkdown(text);
  const stepsByCase = new Map<number, boolean[]>();
  for (const { line, step } of stepsOf(doc)) {
    const k = lineOf.get(line);
    assert.ok(k !== undefined, `a step outside the cases, line ${line}`);
    const list = stepsByCase.get(k) ?? [];
    list.push(judge(step).ok === false);
    stepsByCase.set(k, list);
  }
  const score: Score = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const misses: string[] = [];
  const misread: string[] = [];
  CALCULATIONS.forEach((c, k) => {
    const flagged = stepsByCase.get(k) ?? [];
    [...c.steps].forEach((label, i) => {
      const wrong = label === 'w';
      const hit = flagged[i] ?? false;
      if (wrong && hit) score.tp++;
      else if (wrong) score.fn++;
      else if (hit) score.fp++;
      else score.tn++;
      if (wrong !== hit) misses.push(`${wrong ? 'missed' : 'false alarm'}: ${c.line} (step ${i + 1})`);
    });
    // A step read that the labels do not have would be uncounted: the reading must match the labels one to one.
    if (flagged.length !== c.steps.length)
      misread.push(`${flagged.length} steps read, ${c.steps.length} labelled: ${c.line}`);
  });
  assert.deepEqual(misread, []);
  const wrongSteps = score.tp + score.fn;
  const rightSteps = score.fp + score.tn;
  t.diagnostic(
    `synthetic: ${wrongSteps} wrong + ${rightSteps} right steps; TP ${score.tp} FP ${score.fp} FN ${score.fn}; precision ${(precision(score) * 100).toFixed(1)} %, recall ${(recall(score) * 100).toFixed(1)} %`,
  );
  for (const m of misses) t.diagnostic(m);
  assert.ok(
    wrongSteps >= rightSteps * 0.9 && rightSteps >= wrongSteps * 0.9,
    `balanced: ${wrongSteps} wrong, ${rightSteps} right`,
  );
  assert.ok(precision(score) >= 0.95, `precision ${precision(score)}`);
  assert.ok(recall(score) >= 0.9, `recall ${recall(score)}`);
});

test('non-calculations: dates, versions, ranges, ratios, identifiers, percentiles, numbered headings are never read as steps', () => {
  const text = ['# 2.1 Estimates = 5 × 2 = 12', '', ...NON_CALCULATIONS.flatMap((l) => [l, ''])].join('\n');
  assert.deepEqual(
    stepsOf(parseMarkdown(text)).map(({ step }) => `${step.computed.text} = ${step.stated.text}`),
    [],
  );
});

test(
  'real corpus: no false alarm on the labelled correct calculations, and every reading is labelled',
  { skip: !existsSync(CORPUS) && 'needs ../shared/corpus' },
  (t) => {
    const labels = JSON.parse(
      readFileSync(path.join(__dirname, '../fixtures/estimates/corpus-labels.json'), 'utf8'),
    ) as {
      steps: { file: string; line: number; step: string; label: 'correct' | 'wrong' }[];
    };
    const byFile = new Map<string, typeof labels.steps>();
    for (const s of labels.steps) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
    const score: Score = { tp: 0, fp: 0, fn: 0, tn: 0 };
    const bySource = new Map<string, Score>();
    const unlabelled: string[] = [];
    const falseAlarms: string[] = [];
    const seen = new Set<string>();
    const walk = (dir: string): string[] =>
      require('node:fs')
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e: { name: string; isDirectory(): boolean }) =>
          e.isDirectory() ? walk(path.join(dir, e.name)) : /\.mdx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
        );
    for (const abs of walk(CORPUS)) {
      const rel = path.relative(CORPUS, abs);
      const doc = parseMarkdown(readFileSync(abs, 'utf8'));
      for (const { line: at, step } of stepsOf(doc)) {
        const line = at + 1;
        const text = `${step.computed.text} ${step.relation} ${step.stated.text}`;
        const label = byFile.get(rel)?.find((l) => l.line === line && l.step === text);
        if (!label) {
          unlabelled.push(`${rel}:${line}: ${text}`);
          continue;
        }
        seen.add(`${rel}:${line}:${text}`);
        const hit = judge(step).ok === false;
        const source = rel.split('/')[0];
        const s = bySource.get(source) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
        bySource.set(source, s);
        for (const sc of [score, s]) {
          if (label.label === 'wrong') hit ? sc.tp++ : sc.fn++;
          else hit ? sc.fp++ : sc.tn++;
        }
        if (hit && label.label === 'correct') falseAlarms.push(`${rel}:${line}: ${text}`);
      }
    }
    for (const [source, s] of bySource)
      t.diagnostic(`${source}: ${s.tp + s.fn} wrong + ${s.fp + s.tn} correct steps; TP ${s.tp} FP ${s.fp} FN ${s.fn}`);
    t.diagnostic(
      `corpus: precision ${(precision(score) * 100).toFixed(1)} %, recall ${(recall(score) * 100).toFixed(1)} %`,
    );
    assert.deepEqual(falseAlarms, []);
    assert.deepEqual(unlabelled, []);
    assert.deepEqual(
      labels.steps.filter((l) => !seen.has(`${l.file}:${l.line}:${l.step}`)).map((l) => `${l.file}:${l.line}`),
      [],
      'labelled steps no longer read',
    );
  },
);
