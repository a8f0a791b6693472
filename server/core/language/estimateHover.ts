// Hover on an estimate: the steps with their units ("100M × 10 = 1B requests/day", "÷ 86,400 s = 11,574 requests/s")
// and, on a stated result, whether it matches. Pure; shaped like LSP Hover.
import { calculationsOf, onLine, type Operand } from '../estimates/calculations';
import { writeQuantity } from '../estimates/format';
import { factorText, judge } from '../estimates/verdict';
import type { MarkdownDocument } from '../markdown';
import type { Position, Range } from '../types';
import type { Hover } from './types';

function contains(r: Range, character: number): boolean {
  return character >= r.start.character && character <= r.end.character;
}

/** Markdown text is escaped so "*" and "_" in an expression do not turn into emphasis. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

function stepLines(op: Operand): string[] {
  const { steps, q } = op.evaluation;
  if (!steps.length) return [`${md(op.text)} = ${md(writeQuantity(q))}`];
  return steps.map(
    (s) =>
      `${s.left !== undefined ? md(s.left) + ' ' : ''}${md(s.op)} ${md(s.right)} = **${md(writeQuantity(s.result))}**`,
  );
}

export function estimateHover(doc: MarkdownDocument, position: Position, tolerance: number): Hover | undefined {
  const calc = calculationsOf(doc).lines.find((l) => l.line === position.line)?.calculations;
  if (!calc) return undefined;
  const at = position.character;
  const step = calc.steps.find((s) => contains(s.stated.range, at));
  if (step) {
    const verdict = judge(step, tolerance);
    const lines = ['**Estimate**', '', ...stepLines(step.computed).map((l) => `- ${l}`), ''];
    const pct = `${Math.round(tolerance * 100)} %`;
    if (verdict.ok === true) lines.push(`Stated ${md(step.stated.text)}: matches (within ${pct}).`);
    // The diagnostic's own hover already shows the whole message: say it short, with the right value.
    else if (verdict.ok === false && verdict.ratio !== undefined)
      lines.push(
        `Stated ${md(step.stated.text)}: **${factorText(verdict.ratio)}**; computed **${md(verdict.expected)}**.`,
      );
    else if (verdict.ok === false) lines.push(`Stated ${md(step.stated.text)}: **${md(verdict.message)}**`);
    else lines.push(`Stated ${md(step.stated.text)}: not compared (the units cannot be matched with confidence).`);
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: onLine(step.stated.range, position.line) };
  }
  const expr = calc.expressions.find((e) => contains(e.range, at));
  if (!expr) return undefined;
  const lines = ['**Estimate**', '', ...stepLines(expr).map((l) => `- ${l}`)];
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: onLine(expr.range, position.line) };
}
