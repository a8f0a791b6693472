// Judging one step: is the stated result the computed one, within a tolerance? Every reading the notation allows is
// tried (an implicit period, a bare number in the stated unit, a machine count rounded up); a step is wrong only when
// none of them fits. See docs/estimates.md.
import type { Step } from './calculations';
import type { Quantity } from './expression';
import { rewriteStated, writeNumber, writeQuantity } from './format';
import { dimsEqual, isDimensionless, isMachineNoun, type Dims } from './units';

export const DEFAULT_TOLERANCE = 0.2;

export type Verdict =
  | { ok: true }
  /** The units cannot be compared with confidence: neither right nor wrong. */
  | { ok: undefined }
  | {
      ok: false;
      kind: 'value' | 'unit';
      message: string;
      /** The right value written as the computed side's natural quantity ("2.5 TB"). */
      expected: string;
      /** stated / computed, for value slips. */
      ratio?: number;
      /** Text replacing the stated result, in the user's style; absent when it cannot be rewritten safely. */
      replacement?: string;
    };

function within(stated: number, computed: number, tolerance: number): boolean {
  if (computed === 0) return stated === 0;
  const r = stated / computed;
  return r > 0 && Math.max(r, 1 / r) <= 1 + tolerance + 1e-9;
}

const sub = (a: Dims, b: Dims): Dims => ({ B: a.B - b.B, s: a.s - b.s, usd: a.usd - b.usd });
const isPerTime = (d: Dims) => d.B === 0 && d.s === -1 && d.usd === 0;

interface Reading {
  /** Computed value in the stated quantity's base units. */
  computed: number;
  stated: number;
}

/**
 * The ways a stated value can be compared with a computed one. Same units: directly. A count or amount stated per
 * period ("100M × 200 bytes = 20 GB/day") or a rate stated as an amount ("20 GB ÷ 86,400 s ≈ 232 KB") compare with
 * the period taken away. A bare computed number against a stated unit ("127 × 4 ≈ 508 bytes") is in that unit.
 */
function readings(c: Quantity, s: Quantity, sWrittenFactor: number | undefined): Reading[] | undefined {
  if (dimsEqual(c.dims, s.dims)) return [{ computed: c.value, stated: s.value }];
  const out: Reading[] = [];
  if (isPerTime(sub(s.dims, c.dims))) {
    // Stated per period, computed as a total over that period.
    out.push({ computed: c.value / (s.period ?? 1), stated: s.value });
    return out;
  }
  if (isPerTime(sub(c.dims, s.dims))) {
    // Computed as a rate, stated as an amount: per the operands' period, or per second.
    if (c.period && !c.dividedByTime) out.push({ computed: c.value * c.period, stated: s.value });
    out.push({ computed: c.value, stated: s.value });
    return out;
  }
  if (isDimensionless(c.dims)) {
    out.push({ computed: c.value, stated: s.value });
    if (sWrittenFactor) out.push({ computed: c.value * sWrittenFactor, stated: s.value });
    return out;
  }
  return undefined;
}

/** Data against time, money against data…: units that cannot be the same quantity. */
function clearlyDifferent(c: Dims, s: Dims): boolean {
  if (isDimensionless(c) || isDimensionless(s)) return false;
  const kind = (d: Dims) => (d.usd !== 0 ? 'money' : d.B !== 0 ? 'data' : d.s > 0 ? 'time' : 'rate');
  return kind(c) !== kind(s);
}

/** "10× too small", "25% too large". */
export function factorText(ratio: number): string {
  if (ratio >= 2) return `${writeNumber(ratio, { sig: 2, decimalsFromSig: true })}× too large`;
  if (ratio <= 0.5) return `${writeNumber(1 / ratio, { sig: 2, decimalsFromSig: true })}× too small`;
  const pct = Math.round(Math.abs(ratio - 1) * 100);
  return `${pct}% too ${ratio > 1 ? 'large' : 'small'}`;
}

/** Verdicts per step object and tolerance: steps of unchanged lines are the same objects from one keystroke to the next. */
const verdicts = new WeakMap<Step, { tolerance: number; verdict: Verdict }>();

export function judge(step: Step, tolerance = DEFAULT_TOLERANCE): Verdict {
  const cached = verdicts.get(step);
  if (cached && cached.tolerance === tolerance) return cached.verdict;
  const verdict = judgeUncached(step, tolerance);
  verdicts.set(step, { tolerance, verdict });
  return verdict;
}

function judgeUncached(step: Step, tolerance: number): Verdict {
  const verdict = judgeStated(step, tolerance);
  // "96 × 0.1 = 9.6 Mbps + 64 Mbps = 73.6 Mbps": the first value is the result, the sum continues the chain.
  if (verdict.ok === false && step.leading && judgeStated({ ...step, stated: step.leading }, tolerance).ok === true)
    return { ok: true };
  // "300 TB (with growth)", "(assuming 50% utilization)": the remark names a factor the calculation does not show.
  if (verdict.ok === false && step.stated.qualified) return { ok: undefined };
  return verdict;
}

function judgeStated(step: Step, tolerance: number): Verdict {
  const c = step.computed.evaluation.q;
  const s = step.stated.evaluation.q;
  const written = step.stated.written;
  // A bare stated number against a computed unit ("5B × 500 bytes = 2,500") cannot be judged: in which unit?
  if (isDimensionless(s.dims) && !isDimensionless(c.dims)) {
    return within(s.value, c.value, tolerance) ? { ok: true } : { ok: undefined };
  }
  const rs = readings(c, s, written?.restFactor);
  const expected = writeQuantity(
    isDimensionless(c.dims) && !isDimensionless(s.dims)
      ? { ...c, dims: s.dims, family: s.family, period: s.period }
      : c,
    { family: s.family ?? c.family },
  );
  if (!rs) {
    if (!clearlyDifferent(c.dims, s.dims)) return { ok: undefined };
    return {
      ok: false,
      kind: 'unit',
      expected,
      message: `${step.computed.text} = ${expected}, not ${step.stated.text}: the units differ (${kindName(c.dims)} computed, ${kindName(s.dims)} stated).`,
    };
  }
  if (rs.some((r) => within(r.stated, r.computed, tolerance))) return { ok: true };
  const main = rs[0];
  // Provisioning: "0.12 → 1 node", "11.6 ≈ 12 instances", "≈ 2 instances (with redundancy)".
  if (isDimensionless(c.dims) && isMachineNoun(s.noun ?? step.stated.evaluation.q.noun)) {
    const need = Math.ceil(main.computed - 1e-9);
    if (main.stated >= main.computed * (1 - tolerance) && main.stated <= Math.max(3 * need, need + 2))
      return { ok: true };
  }
  if (main.computed === 0 || main.stated === 0 || Math.sign(main.computed) !== Math.sign(main.stated)) {
    return {
      ok: false,
      kind: 'value',
      expected,
      message: `${step.computed.text} = ${expected}, not ${step.stated.text}.`,
    };
  }
  const ratio = main.stated / main.computed;
  const replacement = written ? rewriteStated(written, main.computed) : undefined;
  return {
    ok: false,
    kind: 'value',
    expected,
    ratio,
    replacement,
    message: `${step.computed.text} = ${expected}, not ${step.stated.text} (${factorText(ratio)}).`,
  };
}

function kindName(d: Dims): string {
  if (d.usd !== 0) return 'money';
  if (d.B !== 0) return d.s < 0 ? 'a data rate' : 'data';
  if (d.s > 0) return 'a time';
  if (d.s < 0) return 'a rate';
  return 'a count';
}
