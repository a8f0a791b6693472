// Writing quantities for people: computed values in a readable unit (hints, hovers, messages), and a replacement
// for a wrong stated result in the user's own style (same unit, same suffix style, similar precision).
import {
  DATA_LADDERS,
  RATE_LADDERS,
  SCALE_WORDS,
  TIME_NAMES,
  isDimensionless,
  periodName,
  type UnitDef,
  type UnitFamily,
} from './units';
import type { Quantity } from './expression';

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A number rounded to `sig` significant digits, written without exponent when reasonable. */
export function roundTo(v: number, sig: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const p = Math.floor(Math.log10(Math.abs(v))) - sig + 1;
  const f = 10 ** p;
  // Dividing by 10^-p for negative p keeps 0.1-style decimals exact (0.3 rather than 0.30000000000000004).
  return p < 0 ? Math.round(v / f) / 10 ** -p : Math.round(v / f) * f;
}

export function writeNumber(
  v: number,
  options: { sig?: number; commas?: boolean; decimalsFromSig?: boolean } = {},
): string {
  if (!Number.isFinite(v)) return String(v);
  const sig = options.sig ?? 3;
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e21)) return v.toPrecision(Math.min(sig, 3)).replace(/\.?0+e/, 'e');
  // Whole numbers from 100 up are written in full ("11,574/s"): rounding them to 3 digits hides the value asked for.
  const r = a >= 100 && !options.decimalsFromSig ? Math.round(v) : roundTo(v, sig);
  let text =
    Math.abs(r) >= 1
      ? String(r)
      : r.toFixed(Math.min(12, Math.max(0, sig - 1 - Math.floor(Math.log10(Math.abs(r || 1))))));
  if (text.includes('e')) text = r.toFixed(0);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  const [int, dec] = text.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = int.replace('-', '');
  const grouped = options.commas === false ? digits : group(digits);
  return sign + grouped + (dec ? '.' + dec : '');
}

/** Counts: "11,574", "1.16M", "1B". */
export function writeCount(v: number): string {
  const a = Math.abs(v);
  for (const [suffix, f] of [
    ['T', 1e12],
    ['B', 1e9],
    ['M', 1e6],
  ] as const) {
    if (a >= f) return writeNumber(v / f) + suffix;
  }
  return writeNumber(v);
}

function ladderPick<T extends { factor: number }>(ladder: T[], v: number): T {
  let pick = ladder[0];
  for (const u of ladder) if (Math.abs(v) / u.factor >= 1) pick = u;
  return pick;
}

function dataFamily(family: UnitFamily | undefined): 'byte' | 'binary' | 'bit' {
  return family === 'binary' || family === 'bit' ? family : 'byte';
}

function dimsText(q: Quantity): string {
  const parts: string[] = [];
  const put = (name: string, n: number) => {
    if (n === 1) parts.push(name);
    else if (n !== 0) parts.push(`${name}^${n}`);
  };
  put('bytes', q.dims.B);
  put('s', q.dims.s);
  put('$', q.dims.usd);
  return parts.join('·');
}

/** A computed quantity in a readable unit: "2.5 TB", "232 KB/s", "1.86 Mbps", "11,574 requests/s", "91.3 days". */
export function writeQuantity(q: Quantity, prefer: { family?: UnitFamily; period?: number } = {}): string {
  const { B, s, usd } = q.dims;
  const noun = q.noun ? ` ${q.noun}` : '';
  const family = dataFamily(prefer.family ?? q.family);
  const period = prefer.period ?? (q.dividedByTime ? 1 : (q.period ?? 1));
  if (isDimensionless(q.dims)) return writeCount(q.value) + noun;
  if (B === 1 && s === 0 && usd === 0) {
    const u = ladderPick(DATA_LADDERS[family], q.value);
    return `${writeNumber(q.value / u.factor)} ${u.name}`;
  }
  if (B === 1 && s === -1 && usd === 0) {
    if (period !== 1) {
      const total = q.value * period;
      const u = ladderPick(DATA_LADDERS[family], total);
      return `${writeNumber(total / u.factor)} ${u.name}/${periodName(period)}`;
    }
    const u = ladderPick(RATE_LADDERS[family], q.value);
    return `${writeNumber(q.value / u.factor)} ${u.name}`;
  }
  if (B === 0 && s === 1 && usd === 0) {
    let pick = TIME_NAMES[0];
    for (const t of TIME_NAMES)
      if (Math.abs(q.value) >= t.seconds * (t.name === 'min' || t.name === 'h' ? 2 : 1)) pick = t;
    return `${writeNumber(q.value / pick.seconds)} ${pick.name}`;
  }
  if (B === 0 && s === -1 && usd === 0) return `${writeCount(q.value * period)}${noun}/${periodName(period)}`;
  if (B === 0 && s === 0 && usd === 1) return `$${writeNumber(q.value)}`;
  if (B === 0 && s === -1 && usd === 1) return `$${writeNumber(q.value * period)}/${periodName(period)}`;
  return `${writeNumber(q.value)} ${dimsText(q)}`;
}

/** How a stated quantity was written, to write a corrected value the same way. */
export interface Written {
  /** Offsets in the line of the part a fix replaces: the number with its scale, and the unit right after it. */
  start: number;
  end: number;
  digits: string;
  percent: boolean;
  /** Scale as written: 1, or 1e3/1e6/… from a suffix ("5B") or a word ("365 billion"). */
  scale: number;
  scaleText?: string;
  scaleIsWord: boolean;
  /** The unit right after the number (or its scale), when there is one; part of the replaced text. */
  unitText?: string;
  unit?: UnitDef;
  /** The unit is glued to the number ("5GB"). */
  unitGlued: boolean;
  /** Base units per written unit, counting everything after the number except the scale ("GB/sec": 1e9). */
  restFactor: number;
}

function significantDigits(digits: string): number {
  const d = digits.replace(/,/g, '').replace(/e.*$/i, '');
  const [int, dec = ''] = d.split('.');
  const all = (int + dec).replace(/^0+/, '');
  const sig = dec ? all.length : all.replace(/0+$/, '').length;
  return Math.max(2, Math.min(4, sig || 1));
}

const SUFFIX_SCALES: [string, number][] = [
  ['T', 1e12],
  ['B', 1e9],
  ['M', 1e6],
  ['K', 1e3],
];
const WORD_SCALES = Object.entries(SCALE_WORDS).sort((a, b) => b[1] - a[1]);

/**
 * The text replacing a wrong stated result, `target` being the right value in the stated quantity's base units.
 * Keeps the user's unit and suffix style; switches the prefix (GB → TB) only when the number would otherwise be
 * unreadable (below 1 or 100,000 and over).
 */
export function rewriteStated(w: Written, target: number): string {
  let value = target / w.restFactor;
  let unitText = w.unitText;
  const readable = (v: number) => Math.abs(v) >= 1 && Math.abs(v) < 100_000;
  if (
    w.unit &&
    unitText &&
    (w.unit.family === 'byte' || w.unit.family === 'binary' || w.unit.family === 'bit') &&
    !readable(value / w.scale)
  ) {
    const rate = w.unit.dims.s === -1;
    const ladder = (rate ? RATE_LADDERS : DATA_LADDERS)[w.unit.family];
    const base = value * w.unit.factor;
    const u = ladderPick(ladder, base);
    value = base / u.factor;
    unitText = u.name === 'bytes' && (w.unitText === 'B' || w.unitText === 'byte') ? 'B' : u.name;
  }
  let scaleText = '';
  let scale = 1;
  if (w.percent) value *= 100;
  else if (w.scale !== 1 || Math.abs(value) >= 1e6) {
    const options = w.scaleIsWord ? WORD_SCALES : SUFFIX_SCALES;
    for (const [text, f] of options) {
      if (Math.abs(value) >= f) {
        scale = f;
        scaleText = w.scaleIsWord
          ? ` ${text}`
          : text === 'K' && w.scaleText === 'k'
            ? 'k'
            : text === 'B' && w.scaleText && /bn/i.test(w.scaleText)
              ? w.scaleText
              : text;
        break;
      }
    }
    if (w.scale === 1 && !w.scaleText) {
      // The user writes plain numbers ("1,000,000"): keep writing them in full.
      scale = 1;
      scaleText = '';
    }
  }
  // Thousands separators as the user writes them: kept when they used them, never added to a "1157"-style writer.
  const commas = w.digits.includes(',') || (Math.abs(value / scale) >= 1000 && !/\d{4}/.test(w.digits));
  // At least the whole part up to three digits: "0.2 KB/s" corrected to 231 KB/s, not 230.
  const whole = Math.floor(Math.abs(value / scale)).toString().length;
  const number = writeNumber(value / scale, {
    sig: Math.max(significantDigits(w.digits), Math.min(3, whole)),
    commas,
    decimalsFromSig: true,
  });
  const tail = w.percent ? '%' : '';
  return `${number}${scaleText}${tail}${unitText ? (w.unitText && w.unitGlued ? '' : ' ') + unitText : ''}`;
}
