// Recursive-descent parser and evaluator for estimate expressions (grammar in docs/estimates.md):
//
//   expr     := term (('+' | '-') term)*
//   term     := power (('×' | '*' | 'x' | '/' | '÷') power)*
//   power    := primary (('^' | '**') power)?
//   primary  := quantity | '(' expr ')'
//   quantity := ['$'] number [scale-word] noun{0,2} [unit] noun{0,2} (('/' | 'per') (unit | noun))*
//
// Every parse is bounded: depth 32, and callers give it one run of tokens between punctuation, so the work is linear
// in the line. Evaluation carries units as exponents of bytes, seconds and dollars.
import type { Written } from './format';
import type { Token } from './tokens';
import {
  AMBIGUOUS_UNITS,
  APPROX_WORDS,
  NO_DIMS,
  SCALE_WORDS,
  STOP_WORDS,
  addDims,
  dimsEqual,
  isDimensionless,
  unitNamed,
  type Dims,
  type UnitFamily,
} from './units';

export interface Quantity {
  /** Value in base units (bytes, seconds, dollars; counts as they are). */
  value: number;
  dims: Dims;
  /** The noun of a count ("requests"), for display. */
  noun?: string;
  /** The data-unit family the user wrote (bytes, binary, bits), to write results the same way. */
  family?: UnitFamily;
  /** Seconds of the period a rate was written in ("/day": 86,400), for display and implicit periods. */
  period?: number;
  /** Whether the value was divided by a time somewhere (so it is a per-second rate, whatever the operands said). */
  dividedByTime?: boolean;
  /** For a single written quantity: base units per written unit, to read a bare number added to it ("+ 3,000"). */
  unitFactor?: number;
}

export type Node =
  | { t: 'q'; s: number; e: number; q: Quantity; written: Written }
  | { t: 'bin'; s: number; e: number; op: '*' | '/' | '+' | '-' | '^'; l: Node; r: Node }
  | { t: 'group'; s: number; e: number; inner: Node };

const MAX_DEPTH = 32;

class Fail extends Error {}

/** Parses tokens[from, to). */
class Parser {
  i: number;
  private depth = 0;
  constructor(
    private readonly toks: Token[],
    from: number,
    private readonly to: number,
  ) {
    this.i = from;
  }

  private peek(): Token | undefined {
    return this.i < this.to ? this.toks[this.i] : undefined;
  }

  expr(): Node {
    if (++this.depth > MAX_DEPTH) throw new Fail();
    let l = this.term();
    for (let t = this.peek(); t && t.k === 'op' && (t.op === '+' || t.op === '-'); t = this.peek()) {
      const save = this.i;
      this.i++;
      const r = this.tryTerm();
      if (!r) {
        this.i = save;
        break;
      }
      l = { t: 'bin', s: l.s, e: r.e, op: t.op, l, r };
    }
    this.depth--;
    return l;
  }

  private tryTerm(): Node | undefined {
    const save = this.i;
    try {
      return this.term();
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      this.i = save;
      return undefined;
    }
  }

  private term(): Node {
    let l = this.power();
    for (let t = this.peek(); t && t.k === 'op' && (t.op === '*' || t.op === '/'); t = this.peek()) {
      this.i++;
      const r = this.power();
      l = { t: 'bin', s: l.s, e: r.e, op: t.op, l, r };
    }
    return l;
  }

  private power(): Node {
    const l = this.primary();
    const t = this.peek();
    if (t && t.k === 'op' && t.op === '^') {
      this.i++;
      if (++this.depth > MAX_DEPTH) throw new Fail();
      const r = this.power();
      this.depth--;
      return { t: 'bin', s: l.s, e: r.e, op: '^', l, r };
    }
    return l;
  }

  private primary(): Node {
    const t = this.peek();
    if (!t) throw new Fail();
    if (t.k === 'lp') {
      this.i++;
      const inner = this.expr();
      const close = this.peek();
      if (!close || close.k !== 'rp') throw new Fail();
      this.i++;
      return { t: 'group', s: t.s, e: close.e, inner };
    }
    return this.quantity();
  }

  private quantity(): Node {
    let t = this.peek();
    let dollar: Token | undefined;
    if (t && t.k === 'dollar') {
      dollar = t;
      this.i++;
      t = this.peek();
    }
    if (!t || t.k !== 'num') throw new Fail();
    this.i++;
    const num = t;
    let value = num.value;
    let scale = num.scale;
    let scaleText = num.suffix;
    let scaleIsWord = false;
    let end = num.e;
    let replaceEnd = num.e;
    let dims: Dims = dollar ? { B: 0, s: 0, usd: 1 } : NO_DIMS;
    let factor = 1;
    let family: UnitFamily | undefined;
    let period: number | undefined;
    let noun: string | undefined;
    let unitText: string | undefined;
    let unitDef: ReturnType<typeof unitNamed>;
    let unitGlued = false;
    let replacesUnit = false;
    let w = this.peek();
    if (w && w.k === 'word' && !w.attached && w.text in SCALE_WORDS && scale === 1 && !num.percent) {
      scale = SCALE_WORDS[w.text];
      value *= scale;
      scaleText = w.text;
      scaleIsWord = true;
      end = replaceEnd = w.e;
      this.i++;
    }
    let nouns = 0;
    let first = true;
    for (w = this.peek(); w && w.k === 'word' && !num.percent; w = this.peek()) {
      const text = w.text;
      const lower = text.toLowerCase();
      if (STOP_WORDS.has(lower) || APPROX_WORDS.has(lower) || lower === 'x') break;
      if (AMBIGUOUS_UNITS.has(text) || text in SCALE_WORDS) throw new Fail();
      const u = unitNamed(text);
      if (u) {
        if (unitDef) break;
        unitDef = u;
        unitText = text;
        dims = addDims(dims, u.dims);
        factor *= u.factor;
        if (u.family !== 'time') family = u.family;
        if (u.period) period = u.period;
        if (first) {
          replaceEnd = w.e;
          unitGlued = w.attached;
          replacesUnit = true;
        }
      } else {
        if (nouns >= 2) break;
        nouns++;
        noun ??= text;
      }
      first = false;
      end = w.e;
      this.i++;
    }
    // Denominators: "GB/s", "writes/node", "per second".
    for (let p = this.peek(); p && p.k === 'per'; p = this.peek()) {
      const d = this.i + 1 < this.to ? this.toks[this.i + 1] : undefined;
      if (!d || d.k !== 'word' || STOP_WORDS.has(d.text.toLowerCase())) break;
      if (AMBIGUOUS_UNITS.has(d.text)) throw new Fail();
      const u = unitNamed(d.text);
      if (u) {
        dims = addDims(dims, u.dims, -1);
        factor /= u.factor;
        if (u.family === 'time') period = u.factor;
      }
      end = d.e;
      this.i += 2;
    }
    const q: Quantity = { value: value * factor, dims, noun, family, period, unitFactor: factor };
    const written: Written = {
      start: num.s,
      end: replaceEnd,
      digits: num.digits,
      percent: num.percent,
      scale,
      scaleText,
      scaleIsWord,
      unitText: replacesUnit ? unitText : undefined,
      unit: replacesUnit ? unitDef : undefined,
      unitGlued,
      restFactor: factor,
    };
    return { t: 'q', s: dollar ? dollar.s : num.s, e: end, q, written };
  }
}

/** Parse a whole token range as one expression, or undefined. */
export function parseFull(toks: Token[], from: number, to: number): Node | undefined {
  if (from >= to) return undefined;
  const p = new Parser(toks, from, to);
  try {
    const node = p.expr();
    return p.i === to ? node : undefined;
  } catch (e) {
    if (e instanceof Fail) return undefined;
    throw e;
  }
}

/** Parse the longest expression starting at `from`; returns it and where it stopped. */
export function parseLeading(toks: Token[], from: number, to: number): { node: Node; next: number } | undefined {
  if (from >= to) return undefined;
  const p = new Parser(toks, from, to);
  try {
    const node = p.expr();
    return { node, next: p.i };
  } catch (e) {
    if (e instanceof Fail) return undefined;
    throw e;
  }
}

export function leafCount(n: Node): number {
  return n.t === 'q' ? 1 : n.t === 'group' ? leafCount(n.inner) : leafCount(n.l) + leafCount(n.r);
}

export function opCount(n: Node): number {
  return n.t === 'q' ? 0 : n.t === 'group' ? opCount(n.inner) : 1 + opCount(n.l) + opCount(n.r);
}

/** Whether any operand carries a unit, a scale or a noun (evidence that the text is an estimate, not "1/2"). */
export function hasMeasuredLeaf(n: Node): boolean {
  if (n.t === 'q') return !isDimensionless(n.q.dims) || n.written.scale !== 1 || !!n.q.noun || n.written.percent;
  return n.t === 'group' ? hasMeasuredLeaf(n.inner) : hasMeasuredLeaf(n.l) || hasMeasuredLeaf(n.r);
}

export function usesOp(n: Node, op: string): boolean {
  if (n.t === 'q') return false;
  if (n.t === 'group') return usesOp(n.inner, op);
  return n.op === op || usesOp(n.l, op) || usesOp(n.r, op);
}

const MAX_MAGNITUDE = 1e30;

/** A result with the intermediate steps ("100M × 10 = 1B requests/day", "÷ 86,400 s = 11,574 requests/s"). */
export interface Evaluation {
  q: Quantity;
  steps: { left?: string; op: string; right: string; result: Quantity }[];
}

const OP_TEXT: Record<string, string> = { '*': '×', '/': '÷', '+': '+', '-': '−', '^': '^' };

/** Evaluate a node, or undefined when the units cannot combine or the value is not a finite, sane number. */
export function evaluate(n: Node, text: (s: number, e: number) => string): Evaluation | undefined {
  const steps: Evaluation['steps'] = [];
  const q = evalNode(n, text, steps);
  return q ? { q, steps } : undefined;
}

function evalNode(n: Node, text: (s: number, e: number) => string, steps: Evaluation['steps']): Quantity | undefined {
  if (n.t === 'q') return n.q;
  if (n.t === 'group') return evalNode(n.inner, text, steps);
  const l = evalNode(n.l, text, steps);
  const r = evalNode(n.r, text, steps);
  if (!l || !r) return undefined;
  const q = combine(n.op, l, r);
  if (!q || !Number.isFinite(q.value) || Math.abs(q.value) > MAX_MAGNITUDE) return undefined;
  // A left operand that is itself a computation was shown as the previous step: continue from its result.
  const leftIsStep = n.l.t === 'bin';
  steps.push({
    left: leftIsStep ? undefined : text(n.l.s, n.l.e),
    op: OP_TEXT[n.op],
    right: text(n.r.s, n.r.e),
    result: q,
  });
  return q;
}

function combine(op: '*' | '/' | '+' | '-' | '^', left: Quantity, r: Quantity): Quantity | undefined {
  let l = left;
  const family = l.family ?? r.family;
  switch (op) {
    case '*':
      // Two counted things multiplied ("users × requests") make a third: name neither rather than the wrong one.
      return {
        value: l.value * r.value,
        dims: addDims(l.dims, r.dims),
        noun: l.noun && r.noun ? undefined : (l.noun ?? r.noun),
        family,
        period: l.period ?? r.period,
        dividedByTime: l.dividedByTime || r.dividedByTime,
      };
    case '/': {
      if (r.value === 0) return undefined;
      const byTime = r.dims.s > 0;
      // "100M/day ÷ 86,400 s": the idiom spreads the day's total over the seconds, rather than dividing a rate by time.
      if (l.period && l.dims.s === -1 && r.dims.s === 1 && r.dims.B === 0 && r.dims.usd === 0)
        l = { ...l, value: l.value * l.period, dims: addDims(l.dims, { B: 0, s: 1, usd: 0 }) };
      return {
        value: l.value / r.value,
        dims: addDims(l.dims, r.dims, -1),
        noun: l.noun,
        family,
        period: byTime ? undefined : l.period,
        dividedByTime: byTime || l.dividedByTime,
      };
    }
    case '+':
    case '-': {
      let a = l;
      let b = r;
      if (!dimsEqual(a.dims, b.dims)) {
        // "1,000 QPS + 3,000": a bare number added to a quantity is in that quantity's unit, when it has one unit.
        if (isDimensionless(b.dims) && !b.noun && a.unitFactor !== undefined)
          b = { ...b, value: b.value * a.unitFactor, dims: a.dims };
        else if (isDimensionless(a.dims) && !a.noun && b.unitFactor !== undefined)
          a = { ...a, value: a.value * b.unitFactor, dims: b.dims };
        else return undefined;
      }
      return {
        value: op === '+' ? a.value + b.value : a.value - b.value,
        dims: a.dims,
        noun: a.noun ?? b.noun,
        family,
        period: a.period ?? b.period,
        dividedByTime: a.dividedByTime || b.dividedByTime,
      };
    }
    case '^': {
      if (!isDimensionless(r.dims) || Math.abs(r.value) > 30) return undefined;
      if (!isDimensionless(l.dims) && !Number.isInteger(r.value)) return undefined;
      const k = r.value;
      return {
        value: l.value ** k,
        dims: { B: l.dims.B * k, s: l.dims.s * k, usd: l.dims.usd * k },
        noun: l.noun,
        family,
      };
    }
  }
}
