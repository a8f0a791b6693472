// Units of back-of-the-envelope estimates: data, time, rates and money, with their factor to base units
// (bytes, seconds, dollars). Counts with a noun ("users", "requests") are plain numbers. See docs/estimates.md.

/** Exponents of the base dimensions: data (bytes), time (seconds), money (dollars). */
export interface Dims {
  B: number;
  s: number;
  usd: number;
}

export const NO_DIMS: Dims = { B: 0, s: 0, usd: 0 };

export function dimsEqual(a: Dims, b: Dims): boolean {
  return a.B === b.B && a.s === b.s && a.usd === b.usd;
}

export function isDimensionless(d: Dims): boolean {
  return d.B === 0 && d.s === 0 && d.usd === 0;
}

export function addDims(a: Dims, b: Dims, sign = 1): Dims {
  return { B: a.B + sign * b.B, s: a.s + sign * b.s, usd: a.usd + sign * b.usd };
}

/** Which spelling family a data unit belongs to, so results are written the way the user writes them. */
export type UnitFamily = 'byte' | 'binary' | 'bit' | 'time' | 'count-rate' | 'money';

export interface UnitDef {
  /** Base units per one of this unit. */
  factor: number;
  dims: Dims;
  family: UnitFamily;
  /** For rates written as one word (QPS, Mbps): the period in seconds. */
  period?: number;
}

const data = (factor: number, family: UnitFamily): UnitDef => ({ factor, dims: { B: 1, s: 0, usd: 0 }, family });
const bitRate = (factor: number): UnitDef => ({ factor, dims: { B: 1, s: -1, usd: 0 }, family: 'bit', period: 1 });
const time = (factor: number): UnitDef => ({ factor, dims: { B: 0, s: 1, usd: 0 }, family: 'time' });

const UNITS = new Map<string, UnitDef>();
function add(names: string[], def: UnitDef): void {
  for (const n of names) UNITS.set(n, def);
}

// Decimal bytes. "B" after a space is bytes; "B" attached to a number is billion (handled by the tokenizer).
add(['B', 'byte', 'bytes', 'Byte', 'Bytes'], data(1, 'byte'));
const DECIMAL = ['K', 'M', 'G', 'T', 'P', 'E'];
const WORDS = ['kilo', 'mega', 'giga', 'tera', 'peta', 'exa'];
DECIMAL.forEach((p, i) => {
  const f = 1000 ** (i + 1);
  add([`${p}B`, `${WORDS[i]}byte`, `${WORDS[i]}bytes`], data(f, 'byte'));
  add([`${p}iB`], data(1024 ** (i + 1), 'binary'));
  add([`${p}b`, `${p}bit`, `${p}bits`], data(f / 8, 'bit'));
  add([`${p}bps`], bitRate(f / 8));
  add([`${p}Bps`], { ...data(f, 'byte'), dims: { B: 1, s: -1, usd: 0 }, period: 1 });
});
add(['kB'], data(1000, 'byte'));
add(['kbit', 'kbits'], data(1000 / 8, 'bit'));
add(['kbps'], bitRate(1000 / 8));
add(['b', 'bit', 'bits'], data(1 / 8, 'bit'));
add(['bps'], bitRate(1 / 8));

add(['ms', 'msec', 'millisecond', 'milliseconds'], time(1e-3));
add(['µs', 'μs', 'microsecond', 'microseconds'], time(1e-6));
add(['s', 'sec', 'secs', 'second', 'seconds'], time(1));
add(['min', 'mins', 'minute', 'minutes'], time(60));
add(['h', 'hr', 'hrs', 'hour', 'hours'], time(3600));
add(['day', 'days'], time(86_400));
add(['week', 'weeks'], time(7 * 86_400));
add(['month', 'months'], time(30 * 86_400));
add(['year', 'years', 'yr', 'yrs'], time(365 * 86_400));

for (const r of ['QPS', 'RPS', 'TPS', 'qps', 'rps', 'tps'])
  UNITS.set(r, { factor: 1, dims: { B: 0, s: -1, usd: 0 }, family: 'count-rate', period: 1 });
add(['USD', 'dollars', 'dollar'], { factor: 1, dims: { B: 0, s: 0, usd: 1 }, family: 'money' });

export function unitNamed(word: string): UnitDef | undefined {
  return UNITS.get(word);
}

/**
 * Spellings that could be two different units (lower-case "mb" is megabits by the standard and megabytes by habit;
 * a lone "m" is minutes, metres or million): a quantity written with one is not checked.
 */
export const AMBIGUOUS_UNITS = new Set([
  'kb',
  'mb',
  'gb',
  'tb',
  'pb',
  'm',
  'M',
  'K',
  'T',
  'k',
  'mil',
  'Mil',
  'mn',
  'bn',
  'd',
]);

/** Scale suffixes attached to a number ("5B" is five billion, "10K" ten thousand). */
export const SCALE_SUFFIXES: Record<string, number> = { K: 1e3, k: 1e3, M: 1e6, B: 1e9, Bn: 1e9, bn: 1e9, T: 1e12 };

/** Scale words after a number ("365 billion URLs"). */
export const SCALE_WORDS: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

/** Words that end a quantity: "2.5 TB of storage", "100 writes per …" (per is read separately). */
export const STOP_WORDS = new Set([
  'of',
  'for',
  'to',
  'in',
  'at',
  'on',
  'with',
  'and',
  'or',
  'the',
  'a',
  'an',
  'is',
  'are',
  'be',
  'was',
  'if',
  'as',
  'by',
  'from',
  'into',
  'each',
  'every',
  'we',
  'it',
  'that',
  'this',
  'which',
  'than',
  'then',
  'so',
  'but',
  'not',
  'plus',
  'minus',
  'times',
  'over',
  'under',
  'about',
  'approx',
  'approximately',
  'roughly',
  'around',
  'nearly',
  'almost',
  'only',
  'at',
  'would',
  'will',
  'can',
  'could',
  'should',
  'may',
  'might',
  'need',
  'needs',
  'gives',
  'means',
  'equals',
  'total',
]);

/** Words that soften a stated result ("= about 2.5 TB"). */
export const APPROX_WORDS = new Set([
  'about',
  'approx',
  'approximately',
  'roughly',
  'around',
  'nearly',
  'almost',
  'circa',
  'ca',
]);

/**
 * Nouns of things provisioned in whole numbers: a result of 3.3 brokers is rounded up to 4 on purpose, and a few
 * more for redundancy is planning, not an arithmetic slip.
 */
const MACHINES = [
  'machine',
  'server',
  'node',
  'instance',
  'broker',
  'shard',
  'replica',
  'host',
  'pod',
  'container',
  'vm',
  'worker',
  'partition',
  'cluster',
  'box',
  'disk',
  'drive',
  'core',
  'cpu',
  'gpu',
  'rack',
  'cache',
  'database',
  'db',
  'region',
  'zone',
  'az',
  'consumer',
  'producer',
  'thread',
  'process',
  'task',
  'slot',
  'unit',
  'device',
  'gateway',
  'balancer',
  'proxy',
];
export function isMachineNoun(noun: string | undefined): boolean {
  if (!noun) return false;
  const n = noun.toLowerCase().replace(/(es|s)$/, '');
  return MACHINES.includes(n) || MACHINES.includes(noun.toLowerCase().replace(/s$/, ''));
}

/** Data units of one family, smallest first, for writing a result with a readable prefix. */
export const DATA_LADDERS: Record<'byte' | 'binary' | 'bit', { name: string; factor: number }[]> = {
  byte: [{ name: 'bytes', factor: 1 }, ...DECIMAL.map((p, i) => ({ name: `${p}B`, factor: 1000 ** (i + 1) }))],
  binary: [{ name: 'bytes', factor: 1 }, ...DECIMAL.map((p, i) => ({ name: `${p}iB`, factor: 1024 ** (i + 1) }))],
  bit: [{ name: 'bits', factor: 1 / 8 }, ...DECIMAL.map((p, i) => ({ name: `${p}b`, factor: 1000 ** (i + 1) / 8 }))],
};
/** The same for data rates: bits per second are written as one word (Mbps). */
export const RATE_LADDERS: Record<'byte' | 'binary' | 'bit', { name: string; factor: number }[]> = {
  byte: [{ name: 'B/s', factor: 1 }, ...DECIMAL.map((p, i) => ({ name: `${p}B/s`, factor: 1000 ** (i + 1) }))],
  binary: [{ name: 'B/s', factor: 1 }, ...DECIMAL.map((p, i) => ({ name: `${p}iB/s`, factor: 1024 ** (i + 1) }))],
  bit: [{ name: 'bps', factor: 1 / 8 }, ...DECIMAL.map((p, i) => ({ name: `${p}bps`, factor: 1000 ** (i + 1) / 8 }))],
};

export const TIME_NAMES: { name: string; seconds: number }[] = [
  { name: 'ms', seconds: 1e-3 },
  { name: 's', seconds: 1 },
  { name: 'min', seconds: 60 },
  { name: 'h', seconds: 3600 },
  { name: 'days', seconds: 86_400 },
  { name: 'years', seconds: 365 * 86_400 },
];

/** How a period is written after a slash: 86,400 s is "/day". */
export function periodName(seconds: number): string {
  switch (seconds) {
    case 1:
      return 's';
    case 60:
      return 'min';
    case 3600:
      return 'hour';
    case 86_400:
      return 'day';
    case 7 * 86_400:
      return 'week';
    case 30 * 86_400:
      return 'month';
    case 365 * 86_400:
      return 'year';
    default:
      return 's';
  }
}
