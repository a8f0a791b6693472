import type { MarkdownIt, Token } from 'markdown-it';
import { detachedString } from './detachedString';
import { LruCache } from './lruCache';

/**
 * Block tokens of a large document, re-using the parse of the parts a keystroke did not touch.
 *
 * A keystroke in a 5,000-line design document used to re-parse all of it (issue 18, target 6). The document is cut
 * into chunks at ATX headings written at column 0; each chunk's markdown-it block tokens are kept by the chunk's text,
 * so an edit re-parses the one chunk it changed. Cutting there is exact in CommonMark: such a line ends a paragraph,
 * a table, a list and a block quote (an ATX heading interrupts a paragraph, so it is never a lazy continuation, and an
 * unindented line ends a list item). Only three things carry across the cut, and each sends the document back to the
 * whole parse:
 *  - a fenced block or an HTML block still open at the end of a chunk (it would swallow the heading);
 *  - a link reference definition anywhere (markdown-it keeps them document-wide, in `env`): any line holding "]:";
 *  - front matter is blanked by the caller before this runs, so its lines are ordinary blank lines here.
 * The result is the token list of the whole parse (test: random documents and edits, compared token by token).
 */

/** Under this size the whole parse is cheap and nothing is kept. */
export const CHUNKED_MIN_CHARS = 32_000;

const ATX_AT_COLUMN_0 = /^#{1,6}(?:[ \t]|$)/;
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

interface CachedChunk {
  tokens: Token[];
  /** Line of the document the tokens' maps are currently shifted to. */
  offset: number;
}

/**
 * Kept by chunk text, least recently used out first, bounded by entries and characters. Block tokens take about ten
 * bytes per character of text (measured on the 420,000-character keystroke file), so 2 million characters hold about
 * 20 MB: the document being edited and a few more. Documents under CHUNKED_MIN_CHARS never enter.
 */
const cache = new LruCache<string, CachedChunk>(4_000, { maxWeight: 2_000_000, weigh: (text) => text.length });

/** For tests: forget every kept chunk. */
export function clearBlockChunkCache(): void {
  cache.clear();
}

function shift(tokens: Token[], by: number): void {
  if (by === 0) return;
  for (const t of tokens) {
    if (t.map) {
      t.map[0] += by;
      t.map[1] += by;
    }
  }
}

/** Whether a chunk's parse may end differently inside the whole document: a fence or HTML block open at its end. */
function openAtEnd(tokens: Token[], lines: string[], end: number): boolean {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t.level !== 0 || !t.map) continue;
    if (t.map[1] < end) return false;
    if (t.type === 'html_block') return true;
    if (t.type === 'fence') {
      // Closed on the chunk's last line, or unclosed and running to the end of the chunk?
      const close = CLOSING_FENCE.exec(lines[t.map[1] - 1] ?? '');
      const markup = t.markup;
      return !(t.map[1] - 1 > t.map[0] && close && close[1][0] === markup[0] && close[1].length >= markup.length);
    }
  }
  return false;
}

/**
 * Block tokens (maps in document lines) of `source`, whose lines are `lines`, or undefined when the document must be
 * parsed whole (small, holds a reference definition, or a block runs across a cut).
 */
export function chunkedBlockTokens(mdBlocks: MarkdownIt, source: string, lines: string[]): Token[] | undefined {
  if (source.length < CHUNKED_MIN_CHARS) return undefined;
  // Where each chunk starts, as a line and as an offset in `source` (whose line breaks are all "\n").
  const startLines = [0];
  const startOffsets = [0];
  let offset = 0;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    const first = line.charCodeAt(0);
    if (l > 0 && first === 35 /* # */ && ATX_AT_COLUMN_0.test(line)) {
      startLines.push(l);
      startOffsets.push(offset);
    } else if (line.includes(']:')) return undefined; // maybe a reference definition, also inside a quote or list
    offset += line.length + 1;
  }
  if (startLines.length < 2) return undefined;
  const out: Token[] = [];
  // The same text twice in one document (two identical sections) cannot share one token list: maps differ.
  const used = new Set<CachedChunk>();
  const fresh: [string, CachedChunk][] = [];
  for (let c = 0; c < startLines.length; c++) {
    const start = startLines[c];
    const last = c + 1 === startLines.length;
    const end = last ? lines.length : startLines[c + 1];
    // Each chunk but the last ends with the line break the whole source has there. A slice copies nothing.
    const text = source.slice(startOffsets[c], last ? source.length : startOffsets[c + 1]);
    let chunk = cache.get(text);
    if (!chunk || used.has(chunk)) {
      // Parsed from a copy: the tokens' texts are views into what they were parsed from, and a kept chunk must not
      // hold the whole document version it came from (detachedString.ts).
      const own = detachedString(text);
      chunk = { tokens: mdBlocks.parse(own, {}), offset: 0 };
      fresh.push([own, chunk]);
    }
    used.add(chunk);
    shift(chunk.tokens, start - chunk.offset);
    chunk.offset = start;
    if (!last && openAtEnd(chunk.tokens, lines, end)) return undefined;
    for (const t of chunk.tokens) out.push(t);
  }
  for (const [text, chunk] of fresh) cache.set(text, chunk);
  return out;
}
