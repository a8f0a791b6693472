import { calculationsOf, onLine } from '../estimates/calculations';
import { judge } from '../estimates/verdict';
import type { Rule } from '../rule';
import type { Range } from '../types';

/** A wrong estimate: the stated result's text at `range` and what replaces it, in the user's style. */
export interface EstimateMathData {
  kind: 'estimate-math';
  range: Range;
  replacement: string;
}

const changeTitle = (replacement: string) => `Change the result to ${replacement}`;

export const estimateMath: Rule<EstimateMathData> = {
  meta: {
    id: 'estimate-math',
    description: 'A back-of-the-envelope calculation states a result that its own numbers and units do not give.',
    defaultSeverity: 'warning',
    docs:
      'Calculations in prose, lists, table rows and inline code ("100M × 10 ÷ 86,400 s ≈ 11.6K/s", "| 5B × 500 bytes | 2.5 TB |") are recomputed with their units ' +
      '(K/M/B suffixes, bytes and bits, KiB, ms…years, /s, QPS, $). A step is wrong when the stated value is off by more than `estimates.tolerance` (default 20 %) ' +
      'or its unit cannot be the computed quantity. Chains are checked step by step; a count stated per period ("= 20 GB/day") and machine counts rounded up ("≈ 43 nodes") are fine. ' +
      'Lines that cannot be read with confidence (ranges, ratios, dates, versions, ambiguous units such as "mb") are skipped. The quick fix writes the right value in your style. See docs/estimates.md.',
    example: '5B × 500 bytes = 2.5 TB, not 250 GB (10× too small).',
  },
  checkFile(ctx) {
    const { file, config } = ctx;
    // Case-study files, like the other design-quality rules: a README's "2 × 3 = 6" elsewhere is not a design estimate.
    if (!ctx.caseStudy || file.isMermaidFile) return;
    for (const { line, calculations } of calculationsOf(file.doc).lines) {
      for (const step of calculations.steps) {
        const verdict = judge(step, config.estimateTolerance);
        if (verdict.ok !== false) continue;
        const w = step.stated.written;
        const fix =
          w && verdict.replacement
            ? {
                kind: 'estimate-math' as const,
                range: onLine({ start: { line: 0, character: w.start }, end: { line: 0, character: w.end } }, line),
                replacement: verdict.replacement,
              }
            : undefined;
        ctx.report({ range: onLine(step.stated.range, line), message: verdict.message, ...(fix ? { data: fix } : {}) });
      }
    }
  },
  fixes: {
    docs: [
      {
        title: changeTitle('2,500 GB'),
        does: 'the computed value written in your style (your unit, suffix and separators, similar precision).',
      },
    ],
    build({ data }) {
      return [
        {
          title: changeTitle(data.replacement),
          edits: [{ range: data.range, newText: data.replacement }],
          isPreferred: true,
        },
      ];
    },
  },
};
