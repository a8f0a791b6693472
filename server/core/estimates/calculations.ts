// Finds the calculations of a Markdown document: expressions, and the steps that state their results (chains
// "a × b = c = d", table rows with an expression cell and a result cell). Pure; linear in the text (each line is
// tokenized once and each run of tokens parsed a bounded number of times). Rules: docs/estimates.md.
import { blankHtmlComments, type MarkdownDocument } from '../markdown';
import type { Position, Range } from '../types';
import {
  evaluate,
  hasMeasuredLeaf,
  leafCount,
  opCount,
  parseFull,
  parseLeading,
  usesOp,
  type Evaluation,
  type Node,
} from './expression';
import type { Written } from './format';
import { tokenize, type Token } from './tokens';
import { APPROX_WORDS, unitNamed } from './units';

/** An expression or a stated value, evaluated, with where it is. */
export interface Operand {
  range: Range;
  /** Source text, without Markdown emphasis or code marks. */
  text: string;
  evaluation: Evaluation;
  /** A single written quantity (not an expression): how it is written, for a fix in the user's style. */
  written?: Written;
  /** A remark in parentheses follows ("300 TB (with growth)", "2 instances (with redundancy)"): it qualifies the value. */
  qualified?: boolean;
}

/** A recognised expression: where the computed value is shown. */
export interface Expression extends Operand {
  /** Where the inlay hint goes, and whether its label needs its own "=" (not when the user already typed one). */
  hintAt: Position;
  hintHasRelation: boolean;
}

/** One step of a calculation: the value computed from the left and the result stated after "=". */
export interface Step {
  computed: Operand;
  stated: Operand;
  /** The relation as written (=, ≈, ~, →, …), or "|" for a table row's result cell. */
  relation: string;
  /** When the stated side is a sum ("= 9.6 Mbps + 64 Mbps = …"), its first term, which may be the result. */
  leading?: Operand;
}

export interface Calculations {
  expressions: Expression[];
  steps: Step[];
}

/** Lines longer than this are not read (a minified blob or a data dump, not an estimate); keeps the work bounded. */
export const MAX_LINE_LENGTH = 4000;

function cleanText(text: string): string {
  // Emphasis marks go; "**" between digits is a power and stays.
  return text
    .replace(/(?<!\d)\*\*|\*\*(?!\d)|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Drop parenthesised remarks without numbers ("(request + response)", "(with redundancy)"): they annotate, not compute. */
function dropRemarks(toks: Token[], remarks: Set<number>): Token[] {
  const drop = new Uint8Array(toks.length);
  const open: number[] = [];
  const numsBefore: number[] = [];
  let nums = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.k === 'num') nums++;
    else if (t.k === 'lp') {
      open.push(i);
      numsBefore.push(nums);
    } else if (t.k === 'rp' && open.length) {
      const from = open.pop()!;
      const before = numsBefore.pop()!;
      // A group without numbers, or one that opens with a word ("(assuming 50% utilization)"), is a remark.
      const opensWithWord = toks[from + 1]?.k === 'word' && !unitNamed((toks[from + 1] as { text: string }).text);
      if (nums === before || opensWithWord) {
        for (let k = from; k <= i; k++) drop[k] = 1;
        remarks.add(toks[from].s);
      }
    }
  }
  return toks.filter((_, i) => !drop[i]);
}

class LineReader {
  readonly out: Calculations = { expressions: [], steps: [] };
  /** Where parenthesised remarks start. */
  private readonly remarks = new Set<number>();

  constructor(
    private readonly line: number,
    private readonly text: string,
  ) {}

  private range(s: number, e: number): Range {
    return { start: { line: this.line, character: s }, end: { line: this.line, character: e } };
  }

  private slice = (s: number, e: number) => cleanText(this.text.slice(s, e));

  private operand(node: Node): Operand | undefined {
    const evaluation = evaluate(node, this.slice);
    if (!evaluation) return undefined;
    const rest = this.text.slice(node.e);
    const gap = rest.length - rest.replace(/^[\s*`_]*/, '').length;
    return {
      range: this.range(node.s, node.e),
      text: this.slice(node.s, node.e),
      evaluation,
      written: node.t === 'q' ? node.written : undefined,
      ...(this.remarks.has(node.e + gap) ? { qualified: true } : {}),
    };
  }

  private expression(node: Node, hintAt: number, hintHasRelation: boolean): Expression | undefined {
    const op = this.operand(node);
    if (!op) return undefined;
    const e: Expression = { ...op, hintAt: { line: this.line, character: hintAt }, hintHasRelation };
    this.out.expressions.push(e);
    return e;
  }

  /** Read one line (or table row): cells are read separately, then expression cells against their result cells. */
  read(): void {
    const all = dropRemarks(tokenize(this.text), this.remarks);
    const cells: Token[][] = [[]];
    for (const t of all) {
      if (t.k === 'bar') cells.push([]);
      else cells[cells.length - 1].push(t);
    }
    const whole: (Node | undefined)[] = cells.map(() => undefined);
    cells.forEach((cell, c) => {
      whole[c] = this.readCell(cell);
    });
    // A table row "| 5B × 500 bytes | 2.5 TB |": an expression cell followed by a result cell.
    if (cells.length < 3) return;
    for (let c = 0; c + 1 < cells.length; c++) {
      const expr = whole[c];
      if (!expr) continue;
      const next = cells[c + 1];
      const from = skipApprox(next, 0, next.length);
      const stated = parseFull(next, from, next.length);
      if (!stated || stated.t !== 'q') continue;
      const computed = this.out.expressions.find(
        (x) => x.range.start.character === expr.s && x.range.end.character === expr.e,
      );
      const statedOperand = this.operand(stated);
      if (computed && statedOperand) this.out.steps.push({ computed, stated: statedOperand, relation: '|' });
    }
  }

  /** Read the runs of one cell; returns the expression when the whole cell is one (for the table-row form). */
  private readCell(cell: Token[]): Node | undefined {
    let start = 0;
    let whole: Node | undefined;
    const runs: [number, number][] = [];
    for (let i = 0; i <= cell.length; i++) {
      if (i === cell.length || cell[i].k === 'stop') {
        if (i > start) runs.push([start, i]);
        start = i + 1;
      }
    }
    for (const [a, b] of runs) {
      const node = this.readRun(cell.slice(a, b), runs.length === 1);
      if (node) whole = node;
    }
    return whole;
  }

  /**
   * One run of tokens between punctuation. With a relation: a chain, started by the first segment that is a
   * calculation (two quantities and an operator). Without: a lone expression, shown as a hint only.
   * Returns the lone expression when the run is exactly one (for table cells).
   */
  private readRun(run: Token[], onlyRun: boolean): Node | undefined {
    if (run.some((t) => t.k === 'poison')) return undefined;
    // "~" right after a value relates two values; before a value (or at the start) it means "about".
    const toks = run.map((t, i): Token => {
      const p = run[i - 1];
      return t.k === 'tilde' && p && (p.k === 'num' || p.k === 'word' || p.k === 'rp')
        ? { k: 'rel', s: t.s, e: t.e, text: '~' }
        : t;
    });
    const rels: number[] = [];
    toks.forEach((t, i) => {
      if (t.k === 'rel') rels.push(i);
    });
    if (!rels.length) return this.readLone(toks, onlyRun);
    const bounds: [number, number][] = [];
    let from = 0;
    for (const r of rels) {
      bounds.push([from, r]);
      from = r + 1;
    }
    bounds.push([from, toks.length]);
    let startSeg = -1;
    let node: Node | undefined;
    for (let j = 0; j < bounds.length - 1 && startSeg < 0; j++) {
      let [a, b] = bounds[j];
      a = j === 0 ? skipLabel(toks, a, b) : skipApprox(toks, a, b);
      if (a < 0) continue;
      const candidate = parseFull(toks, a, b);
      if (candidate && leafCount(candidate) >= 2 && opCount(candidate) >= 1) {
        startSeg = j;
        node = candidate;
      }
    }
    if (startSeg < 0 || !node) return undefined;
    const nextEmpty = bounds[startSeg + 1][0] >= bounds[startSeg + 1][1];
    const relTok = toks[rels[startSeg]];
    let previous: Operand | undefined = this.expression(node, nextEmpty ? relTok.e : node.e, nextEmpty);
    for (let j = startSeg + 1; j < bounds.length && previous; j++) {
      const [a0, b] = bounds[j];
      const relation = (toks[rels[j - 1]] as { text: string }).text;
      const a = skipApprox(toks, a0, b);
      if (a >= b) break;
      const full = parseFull(toks, a, b);
      if (full) {
        const stated = full.t === 'q' ? this.operand(full) : this.expression(full, full.e, j + 1 < bounds.length);
        if (!stated) break;
        const first = firstLeaf(full);
        const leading =
          full.t === 'bin' && (full.op === '+' || full.op === '-') && first ? this.operand(first) : undefined;
        this.out.steps.push({ computed: previous, stated, relation, ...(leading ? { leading } : {}) });
        previous = stated;
        continue;
      }
      // "= 2.5 TB of storage": the leading quantity is the stated result and the chain ends there.
      const lead = parseLeading(toks, a, b);
      if (lead && lead.node.t === 'q') {
        const after = toks[lead.next];
        if (after && (after.k === 'op' || after.k === 'num' || after.k === 'per' || after.k === 'dollar')) break;
        const stated = this.operand(lead.node);
        if (stated) this.out.steps.push({ computed: previous, stated, relation });
      }
      break;
    }
    return undefined;
  }

  /** An expression with no result written: a hint when it is clearly an estimate ("100M × 10 ÷ 86,400 s"). */
  private readLone(toks: Token[], onlyRun: boolean): Node | undefined {
    const a = skipLabel(toks, 0, toks.length);
    if (a < 0) return undefined;
    const full = parseFull(toks, a, toks.length);
    const lead = full ? { node: full, next: toks.length } : parseLeading(toks, a, toks.length);
    if (!lead) return undefined;
    const { node, next } = lead;
    const after = toks[next];
    if (after && after.k !== 'word') return undefined;
    if (leafCount(node) < 2 || opCount(node) < 1) return undefined;
    const clear = usesOp(node, '*') || hasMeasuredLeaf(node) || opCount(node) >= 2;
    if (!clear) return undefined;
    if (!this.expression(node, node.e, false)) return undefined;
    return full && onlyRun ? full : undefined;
  }
}

function firstLeaf(n: Node): Node | undefined {
  let x: Node = n;
  while (x.t !== 'q') x = x.t === 'group' ? x.inner : x.l;
  return x;
}

/** Skip a label before an expression ("Storage needed", "MTBF"): words only. -1 when something else comes first. */
function skipLabel(toks: Token[], a: number, b: number): number {
  let i = a;
  while (i < b && (toks[i].k === 'word' || toks[i].k === 'tilde')) i++;
  if (i >= b) return -1;
  const t = toks[i];
  return t.k === 'num' || t.k === 'lp' || t.k === 'dollar' ? i : -1;
}

/** Skip "~", "about", "approx." before a stated value. */
function skipApprox(toks: Token[], a: number, b: number): number {
  let i = a;
  while (
    i < b &&
    (toks[i].k === 'tilde' ||
      (toks[i].k === 'word' && APPROX_WORDS.has((toks[i] as { text: string }).text.toLowerCase())))
  )
    i++;
  return i;
}

/** Results per line text: a keystroke changes one line, so the other lines' calculations are reused as they are. */
const lineCache = new Map<string, Calculations>();
/** Enough for several 1 MB documents of distinct lines; the oldest entries go first. */
const LINE_CACHE_SIZE = 100_000;
const NONE: Calculations = Object.freeze({ expressions: [], steps: [] }) as Calculations;

/**
 * The calculations of one line of text, with ranges on line 0 (see onLine). Cached by text, so the same objects
 * come back for the same line; treat them as read-only.
 */
export function calculationsInLine(line: string): Calculations {
  if (line.length > MAX_LINE_LENGTH) return NONE;
  // Comments are not text ("100 × 3 = 500 <!-- check -->" states 500): blanked, so the columns stay.
  const text = blankHtmlComments(line);
  if (!/\d/.test(text)) return NONE;
  const cached = lineCache.get(text);
  if (cached) return cached;
  const reader = new LineReader(0, text);
  reader.read();
  const out = reader.out.expressions.length || reader.out.steps.length ? reader.out : NONE;
  if (lineCache.size >= LINE_CACHE_SIZE) lineCache.delete(lineCache.keys().next().value as string);
  lineCache.set(text, out);
  return out;
}

/** Forget every line's results (benchmarks measure a first check with it). */
export function clearLineCache(): void {
  lineCache.clear();
}

/** A range of a line's calculations (on line 0) placed on the document line it belongs to. */
export function onLine(range: Range, line: number): Range {
  return { start: { line, character: range.start.character }, end: { line, character: range.end.character } };
}

/** Lines that can hold calculations: prose, list items and table rows; not headings, code blocks or front matter. */
export function estimateLines(doc: MarkdownDocument): number[] {
  const headingLines = new Set(doc.headings.map((h) => h.line));
  const lines: number[] = [];
  // In line order without sorting: a walk over the line numbers is linear, a sort of 40,000 of them is not free.
  for (let l = 0; l < doc.lines.length; l++) {
    if ((doc.proseLines.has(l) && !headingLines.has(l)) || doc.tableLines.has(l)) lines.push(l);
  }
  return lines;
}

/** The calculations of a document, per line that has any. */
export interface DocumentCalculations {
  lines: { line: number; calculations: Calculations }[];
}

const cache = new WeakMap<MarkdownDocument, DocumentCalculations>();

/** Every calculation of a parsed document; found once per parse and per distinct line (the rule, hints and hovers share it). */
export function calculationsOf(doc: MarkdownDocument): DocumentCalculations {
  const cached = cache.get(doc);
  if (cached) return cached;
  const result: DocumentCalculations = { lines: [] };
  for (const line of estimateLines(doc)) {
    const calculations = calculationsInLine(doc.lines[line] ?? '');
    if (calculations !== NONE) result.lines.push({ line, calculations });
  }
  cache.set(doc, result);
  return result;
}

/** Every step of a document with the line it is on (for tests and tools; the rule walks the lines itself). */
export function stepsOf(doc: MarkdownDocument): { line: number; step: Step }[] {
  return calculationsOf(doc).lines.flatMap(({ line, calculations }) =>
    calculations.steps.map((step) => ({ line, step })),
  );
}
