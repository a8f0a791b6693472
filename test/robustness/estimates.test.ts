// estimate-math on hostile and random input: nothing throws, every range lies on its line, the work stays bounded
// (deep nesting, long lines, a 1 MB file of numbers). Timings live in `npm run bench` (bench/estimates.bench.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  calculationsInLine,
  calculationsOf,
  onLine,
  stepsOf,
  MAX_LINE_LENGTH,
} from '../../server/core/estimates/calculations';
import { judge } from '../../server/core/estimates/verdict';
import { estimateHints } from '../../server/core/language/estimateHints';
import { estimateHover } from '../../server/core/language/estimateHover';
import { parseMarkdown } from '../../server/core/markdown';
import { fuzzParams, fuzzTimeout, linesOf, rangeProblem } from './support';

const PIECES = [
  '1',
  '0',
  '7',
  '86,400',
  '1,157',
  '0.5',
  '.5',
  '1e9',
  '10^9',
  '2**10',
  '5B',
  '10K',
  '3M',
  '2T',
  '20%',
  'K',
  'M',
  'B',
  'Bn',
  ' ',
  ' ',
  ' ',
  '×',
  'x',
  '*',
  '/',
  '÷',
  '+',
  '-',
  '−',
  '^',
  '(',
  ')',
  '=',
  '≈',
  '~',
  '~=',
  '→',
  '=>',
  '|',
  '`',
  '**',
  'bytes',
  'KB',
  'MB',
  'GB',
  'TiB',
  'Mbps',
  'bits',
  'b',
  's',
  'ms',
  'day',
  '/day',
  'per',
  'second',
  'QPS',
  'users',
  'nodes',
  '$',
  'about',
  'thousand',
  'billion',
  ',',
  '.',
  ':',
  '-',
  '–',
  '<',
  '#',
  'v2',
  'p99',
  '3-5',
  '10:1',
  '\t',
  '\u00a0',
  '😀',
];

const lineArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));

test(
  'random calculation-like lines: no throw, ranges on the line, verdicts and hints well-formed',
  { timeout: fuzzTimeout(120_000) },
  () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 8 }), (rows) => {
        const text = rows.map((r, i) => (i % 3 === 2 ? `| ${r} | ${r} |` : `- ${r}`)).join('\n');
        const doc = parseMarkdown(text);
        const lines = linesOf(text);
        for (const { line, calculations } of calculationsOf(doc).lines) {
          for (const e of calculations.expressions) {
            assert.equal(rangeProblem(onLine(e.range, line), lines), undefined);
            assert.ok(e.hintAt.character <= lines[line].length);
            assert.ok(Number.isFinite(e.evaluation.q.value));
          }
          for (const s of calculations.steps) {
            assert.equal(rangeProblem(onLine(s.stated.range, line), lines), undefined);
            const v = judge(s);
            if (v.ok === false) {
              assert.ok(v.message.length > 0 && !/NaN|undefined|Infinity/.test(v.message), v.message);
              if (v.replacement !== undefined) assert.ok(!/NaN|undefined|Infinity/.test(v.replacement), v.replacement);
            }
            if (s.stated.written) assert.ok(s.stated.written.start >= 0 && s.stated.written.end <= lines[line].length);
          }
        }
        for (const h of estimateHints(doc, {
          start: { line: 0, character: 0 },
          end: { line: lines.length, character: 0 },
        })) {
          assert.ok(!/NaN|undefined/.test(h.label), h.label);
        }
        for (let l = 0; l < lines.length; l++)
          estimateHover(doc, { line: l, character: Math.floor(lines[l].length / 2) }, 0.2);
      }),
      fuzzParams(300),
    );
  },
);

test('deep nesting, operator storms and long lines are bounded, not recursed or backtracked into', () => {
  const deep = `- ${'('.repeat(5000)}1 × 2${')'.repeat(5000)} = 2`;
  assert.deepEqual(calculationsInLine(deep).steps, []);
  const storm = `- ${Array.from({ length: 600 }, (_, i) => `${i + 1}`).join(' × ')} = 5`;
  assert.ok(storm.length < MAX_LINE_LENGTH);
  // Far too large to be a sane number: not evaluated, not flagged.
  assert.deepEqual(calculationsInLine(storm).steps, []);
  const chain = `- 1 × 1${' = 1'.repeat(900)}`;
  assert.equal(calculationsInLine(chain).steps.length, 900);
  assert.ok(calculationsInLine(chain).steps.every((s) => judge(s).ok === true));
  const long = `- 5B × 500 bytes = 250 GB ${'and more '.repeat(600)}`;
  assert.ok(long.length > MAX_LINE_LENGTH);
  assert.deepEqual(calculationsInLine(long), { expressions: [], steps: [] });
});

test('a 1 MB file of numbers is read line by line: every calculation found, wrong ones flagged', () => {
  const rows: string[] = ['# Estimates', ''];
  let size = 0;
  let wrong = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const n = 1000 + i;
    const row = i % 2 ? `- Row ${i}: ${n} × 2 KB = ${(n * 2) / 1000} MB` : `- Row ${i}: ${n} × 2 KB = ${n * 2} MB`;
    if (i % 2 === 0) wrong++;
    rows.push(row, '');
    size += row.length + 2;
  }
  const doc = parseMarkdown(rows.join('\n'));
  const steps = stepsOf(doc);
  assert.equal(steps.length, (rows.length - 2) / 2);
  assert.equal(steps.filter(({ step }) => judge(step).ok === false).length, wrong);
});
