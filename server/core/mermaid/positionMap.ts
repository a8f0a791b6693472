// Maps positions in the text mermaid's parser actually saw back to the block as written.
//
// Before parsing, mermaid rewrites the block: CRLF → LF, YAML front matter removed, `%%{…}%%` directives removed,
// `%%` comment lines removed together with blank lines before them, leading whitespace trimmed, `#35;`-style
// entities encoded as `ﬂ°°35¶ß`, the `;` at the end of `style`/`classDef` lines dropped, `"` → `'` in HTML tag
// attributes, and a final "\n" appended. Nearly all of that removes whole lines or leaves a line recognisable, so
// the mapping aligns lines first (in order, by normalised content) and then characters within a matched line.
// Only the few positions an error needs are mapped, so the per-line work is done lazily.
import type { Position } from '../types';

const DIRECTIVE = /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/g;
const ENTITY_OPEN = /\uFB02\u00B0\u00B0|\uFB02\u00B0/y;
const ENTITY_CLOSE = '\u00B6\u00DF';

export interface PositionMapper {
  /** Original-text position of an offset in the parsed text. */
  at(parsedOffset: number): Position;
  /** Original-text position of a 0-based line/column in the parsed text. */
  atLineColumn(parsedLine: number, parsedColumn: number): Position;
  readonly parsedLines: readonly string[];
  readonly originalLines: readonly string[];
}

/** Undo mermaid's entity encoding, remembering for each decoded character where it came from. */
function decodeWithIndex(parsed: string): { text: string; from: number[] } {
  let text = '';
  const from: number[] = [];
  for (let i = 0; i < parsed.length;) {
    ENTITY_OPEN.lastIndex = i;
    const open = ENTITY_OPEN.exec(parsed);
    if (open) {
      text += '#';
      from.push(i);
      i += open[0].length;
      continue;
    }
    if (parsed.startsWith(ENTITY_CLOSE, i)) {
      text += ';';
      from.push(i);
      i += ENTITY_CLOSE.length;
      continue;
    }
    text += parsed[i];
    from.push(i);
    i++;
  }
  return { text, from };
}

/** Blank out directives on a line (same length) so they neither match nor shift anything. */
function withoutDirectives(line: string): string {
  return line.includes('%%{') ? line.replace(DIRECTIVE, (m) => '\u0000'.repeat(m.length)) : line;
}

function normalise(line: string): string {
  return line
    .replace(/\u0000/g, '')
    .replace(/"/g, "'")
    .trim()
    .replace(/;$/, '')
    .trimEnd();
}

function sameChar(a: string, b: string): boolean {
  return a === b || ((a === '"' || a === "'") && (b === '"' || b === "'"));
}

/** For each character of the decoded parsed line, its column in the original line. */
function alignColumns(decoded: string, original: string): number[] {
  const cols: number[] = new Array<number>(decoded.length);
  if (decoded === original || original.startsWith(decoded)) {
    for (let k = 0; k < decoded.length; k++) cols[k] = k;
    return cols;
  }
  if (original.endsWith(decoded)) {
    const shift = original.length - decoded.length;
    for (let k = 0; k < decoded.length; k++) cols[k] = k + shift;
    return cols;
  }
  // General case: the parsed line is (nearly) a subsequence of the original one; match greedily from the first
  // non-blank character, treating the two quote kinds as equal.
  let o = 0;
  let last = 0;
  for (let k = 0; k < decoded.length; k++) {
    let found = -1;
    for (let p = o; p < original.length; p++) {
      if (sameChar(decoded[k], original[p])) {
        found = p;
        break;
      }
    }
    if (found < 0) {
      // Unmatched character (should not happen): keep the column moving without jumping past the line.
      cols[k] = Math.min(last + 1, original.length);
    } else {
      cols[k] = found;
      o = found + 1;
    }
    last = cols[k];
  }
  return cols;
}

export function createPositionMapper(original: string, parsed: string, frontmatterLineOffset = 0): PositionMapper {
  const originalLines = original.split(/\r\n|\r|\n/);
  const parsedLines = parsed.split('\n');
  const parsedLineStarts: number[] = [];
  for (let i = 0, at = 0; i < parsedLines.length; i++) {
    parsedLineStarts.push(at);
    at += parsedLines[i].length + 1;
  }

  // Line alignment: each non-blank parsed line to the next original line with the same normalised content;
  // failing that, the next one containing it (a line that also held a directive or lost a `;`).
  const lineMatch: number[] = new Array<number>(parsedLines.length).fill(-1);
  const decodedLines = parsedLines.map((l) => decodeWithIndex(l));
  const originalKeys = originalLines.map((l) => normalise(withoutDirectives(l)));
  let next = Math.min(frontmatterLineOffset, originalLines.length);
  for (let i = 0; i < parsedLines.length; i++) {
    const key = normalise(decodedLines[i].text);
    if (!key) continue;
    let found = -1;
    for (let j = next; j < originalLines.length; j++) {
      if (originalKeys[j] === key) {
        found = j;
        break;
      }
    }
    if (found < 0) {
      for (let j = next; j < originalLines.length; j++) {
        if (originalKeys[j].includes(key)) {
          found = j;
          break;
        }
      }
    }
    if (found >= 0) {
      lineMatch[i] = found;
      next = found + 1;
    }
  }

  const columnCache = new Map<number, number[]>();
  function columnsOf(parsedLine: number): number[] {
    let cols = columnCache.get(parsedLine);
    if (!cols) {
      const decoded = decodedLines[parsedLine];
      const aligned = alignColumns(decoded.text, withoutDirectives(originalLines[lineMatch[parsedLine]]));
      // Spread the decoded alignment back onto raw parsed columns (an encoded entity maps to its '#'/';').
      const raw = parsedLines[parsedLine];
      cols = new Array<number>(raw.length + 1);
      let d = 0;
      for (let c = 0; c < raw.length; c++) {
        while (d + 1 < decoded.from.length && decoded.from[d + 1] <= c) d++;
        cols[c] = decoded.from.length ? aligned[d] : c;
      }
      // Column just past the end of the line (end of a range).
      cols[raw.length] = raw.length ? cols[raw.length - 1] + 1 : 0;
      columnCache.set(parsedLine, cols);
    }
    return cols;
  }

  function atLineColumn(parsedLine: number, parsedColumn: number): Position {
    const line = Math.max(0, Math.min(parsedLine, parsedLines.length - 1));
    const column = Math.max(0, Math.min(parsedColumn, parsedLines[line].length));
    if (lineMatch[line] >= 0) {
      const cols = columnsOf(line);
      const target = lineMatch[line];
      return { line: target, character: Math.min(cols[column], originalLines[target].length) };
    }
    // An unmatched (blank or rewritten) line: place it relative to the nearest matched line above, without
    // passing the next matched line below.
    let above = line - 1;
    while (above >= 0 && lineMatch[above] < 0) above--;
    let below = line + 1;
    while (below < parsedLines.length && lineMatch[below] < 0) below++;
    const base = above >= 0 ? lineMatch[above] : Math.min(frontmatterLineOffset, originalLines.length - 1);
    const limit = below < parsedLines.length ? lineMatch[below] - 1 : originalLines.length - 1;
    const target = Math.max(
      0,
      Math.min(above >= 0 ? base + (line - above) : base + line, limit, originalLines.length - 1),
    );
    return { line: target, character: Math.min(column, originalLines[target].length) };
  }

  function at(parsedOffset: number): Position {
    const offset = Math.max(0, Math.min(parsedOffset, parsed.length));
    let lo = 0;
    let hi = parsedLineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (parsedLineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return atLineColumn(lo, offset - parsedLineStarts[lo]);
  }

  return { at, atLineColumn, parsedLines, originalLines };
}
