// Tokenizer for calculations in one line of Markdown prose (or one table cell). Positions are UTF-16 offsets in the
// line. Shapes that only look numeric (dates, versions, ranges, ratios, "p99", "2nd") become "poison" tokens: a
// run of text holding one is never read as a calculation. Grammar and rules: docs/estimates.md.
import { SCALE_SUFFIXES, unitNamed } from './units';

export type Op = '*' | '/' | '+' | '-' | '^';

export type Token =
  | { k: 'num'; s: number; e: number; value: number; scale: number; digits: string; percent: boolean; suffix?: string }
  | { k: 'word'; s: number; e: number; text: string; attached: boolean }
  | { k: 'op'; s: number; e: number; op: Op }
  | { k: 'per'; s: number; e: number }
  | { k: 'lp'; s: number; e: number }
  | { k: 'rp'; s: number; e: number }
  | { k: 'rel'; s: number; e: number; text: string }
  | { k: 'tilde'; s: number; e: number }
  | { k: 'dollar'; s: number; e: number }
  | { k: 'stop'; s: number; e: number }
  /** A table-cell boundary ("|" not escaped). */
  | { k: 'bar'; s: number; e: number }
  | { k: 'poison'; s: number; e: number };

const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+/y;
/** Numeric shapes that are not quantities: ISO and slashed dates, versions, ratios and clock times, ranges, 24/7. */
const NOT_A_QUANTITY =
  /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{2,4}\b|\d+\.\d+\.\d+|\d+:\d+|\d[\d,.]*[%KMBkT]?(?:-|\s?–\s?)\d|24\/7\b/y;
const LETTERS = /[A-Za-zµμ]+/y;
const WORD = /[A-Za-zµμ][A-Za-z0-9µμ'’]*/y;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\u00a0';
}
function isLetter(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-zµμ]/.test(c);
}

/** The next character that is not a space (and not Markdown emphasis or code marks), from index i. */
function nextSignificant(text: string, i: number): string | undefined {
  while (i < text.length && (isSpace(text[i]) || text[i] === '*' || text[i] === '`' || text[i] === '_')) i++;
  return text[i];
}

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  const prev = () => out[out.length - 1];
  while (i < n) {
    const c = text[i];
    if (isSpace(c) || c === '`' || c === '_') {
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      // A number glued to a word before it ("p99", "v2", "S3") was read with that word.
      const bad = sticky(NOT_A_QUANTITY, text, i);
      if (bad) {
        out.push({ k: 'poison', s: i, e: i + bad[0].length });
        i += bad[0].length;
        continue;
      }
      const m = sticky(NUMBER, text, i)!;
      const digits = m[0];
      let e = i + digits.length;
      // "1,2" is a list, not a thousands separator: the regex already stopped before such a comma.
      let value = Number(digits.replace(/,/g, ''));
      let scale = 1;
      let percent = false;
      if (text[e] === '%') {
        percent = true;
        value /= 100;
        e++;
      }
      const start = i;
      i = e;
      const run = percent ? null : sticky(LETTERS, text, e);
      if (run) {
        const letters = run[0];
        const after = text[e + letters.length];
        if (isDigit(after)) {
          // "3x4" reads as 3 × 4; any other letters glued between digits ("1e", "2k3") are not a quantity.
          if (letters === 'x' || letters === 'X') {
            out.push({ k: 'num', s: start, e, value, scale, digits, percent });
            out.push({ k: 'op', s: e, e: e + 1, op: '*' });
            i = e + 1;
          } else {
            out.push({ k: 'poison', s: start, e: e + letters.length });
            i = e + letters.length;
          }
          continue;
        }
        if (letters in SCALE_SUFFIXES) {
          scale = SCALE_SUFFIXES[letters];
          value *= scale;
          out.push({ k: 'num', s: start, e: e + letters.length, value, scale, digits, percent, suffix: letters });
          i = e + letters.length;
          // A unit may follow the suffix directly ("5Mbps" is a unit, handled above; "10Kreq" is not).
          if (isLetter(text[i])) {
            const more = sticky(WORD, text, i)![0];
            out.pop();
            out.push({ k: 'poison', s: start, e: i + more.length });
            i += more.length;
          }
          continue;
        }
        if ((letters === 'x' || letters === 'X') && /[\d($.]/.test(nextSignificant(text, e + 1) ?? '')) {
          out.push({ k: 'num', s: start, e, value, scale, digits, percent });
          out.push({ k: 'op', s: e, e: e + 1, op: '*' });
          i = e + 1;
          continue;
        }
        if (unitNamed(letters) && letters !== 'b') {
          out.push({ k: 'num', s: start, e, value, scale, digits, percent });
          out.push({ k: 'word', s: e, e: e + letters.length, text: letters, attached: true });
          i = e + letters.length;
          continue;
        }
        // "2nd", "5xx", "10x faster", "3AZ", "5b" (bits or billion?): not something to compute with.
        out.push({ k: 'poison', s: start, e: e + letters.length });
        i = e + letters.length;
        continue;
      }
      out.push({ k: 'num', s: start, e, value, scale, digits, percent });
      continue;
    }
    if (isLetter(c)) {
      const w = sticky(WORD, text, i)![0];
      const s = i;
      i += w.length;
      if (/\d/.test(w)) {
        out.push({ k: 'poison', s, e: i });
        continue;
      }
      const p = prev();
      if (
        (w === 'x' || w === 'X') &&
        p &&
        (p.k === 'num' || p.k === 'word' || p.k === 'rp') &&
        /[\d($.]/.test(nextSignificant(text, i) ?? '')
      ) {
        out.push({ k: 'op', s, e: i, op: '*' });
        continue;
      }
      if (w === 'per') {
        out.push({ k: 'per', s, e: i });
        continue;
      }
      out.push({ k: 'word', s, e: i, text: w.replace(/['’]s$/, ''), attached: false });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '**') {
      const p = prev();
      const glued = p && (p.k === 'num' || p.k === 'rp') && p.e === i && isDigit(text[i + 2]);
      if (glued) out.push({ k: 'op', s: i, e: i + 2, op: '^' });
      i += 2;
      continue;
    }
    if (two === '~=' || two === '=~' || two === '=>' || two === '->' || two === '==') {
      out.push({ k: 'rel', s: i, e: i + 2, text: two });
      i += 2;
      continue;
    }
    const s = i;
    i++;
    // List bullets and block quotes at the start of the line are Markdown, not operators.
    if ((c === '-' || c === '*' || c === '+' || c === '>') && /^[\s>]*$/.test(text.slice(0, s))) {
      out.push({ k: 'stop', s, e: i });
      continue;
    }
    switch (c) {
      case '*': {
        // Multiplication has spaces on both sides or sits between operands; otherwise it is Markdown emphasis.
        const before = text[s - 1];
        const after = text[s + 1];
        const spaced = isSpace(before) && isSpace(after);
        const glued = before !== undefined && /[\w)%]/.test(before) && after !== undefined && /[\d($.]/.test(after);
        if (spaced || glued) out.push({ k: 'op', s, e: i, op: '*' });
        break;
      }
      case '×':
      case '✕':
      case '⋅':
        out.push({ k: 'op', s, e: i, op: '*' });
        break;
      case '÷':
        out.push({ k: 'op', s, e: i, op: '/' });
        break;
      case '/': {
        // "GB/s", "writes/node", "20 GB / day": a unit or noun after the slash is a denominator; a number is division.
        let j = i;
        while (isSpace(text[j])) j++;
        if (isLetter(text[j])) out.push({ k: 'per', s, e: i });
        else out.push({ k: 'op', s, e: i, op: '/' });
        break;
      }
      case '+':
        out.push({ k: 'op', s, e: i, op: '+' });
        break;
      case '−':
        out.push({ k: 'op', s, e: i, op: '-' });
        break;
      case '-': {
        // Subtraction is spaced ("100 - 20"); a hyphen between letters or digits is a word joiner or a range.
        if (isSpace(text[s - 1]) && isSpace(text[s + 1])) out.push({ k: 'op', s, e: i, op: '-' });
        else out.push({ k: 'stop', s, e: i });
        break;
      }
      case '^':
        out.push({ k: 'op', s, e: i, op: '^' });
        break;
      case '(':
        out.push({ k: 'lp', s, e: i });
        break;
      case ')':
        out.push({ k: 'rp', s, e: i });
        break;
      case '=':
      case '≈':
      case '≅':
      case '≃':
      case '→':
      case '⇒':
        out.push({ k: 'rel', s, e: i, text: c });
        break;
      case '~':
        out.push({ k: 'tilde', s, e: i });
        break;
      case '$':
        out.push({ k: 'dollar', s, e: i });
        break;
      case '|':
        out.push({ k: text[s - 1] === '\\' ? 'stop' : 'bar', s, e: i });
        break;
      case '<':
      case '>':
      case '≤':
      case '≥':
      case '±':
      case '#':
      case '@':
        // Comparisons, tolerances, identifiers and dashes: the text around them states bounds, not a computation.
        out.push({ k: 'poison', s, e: i });
        break;
      default:
        out.push({ k: 'stop', s, e: i });
    }
  }
  return out;
}
