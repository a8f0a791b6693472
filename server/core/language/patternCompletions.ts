import { CATEGORY_TITLES } from '../catalog/catalog';
import { termKey, type PatternIndex, type PrefixMatch } from '../catalog/patternIndex';
import type { LanguageDocument } from './languageDocument';
import type { Position } from '../types';
import { fenceContaining, insideInlineCode } from './context';
import { renderPatternCard, type PatternCardOptions } from './patternCard';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from './types';

/** Shortest word prefix that triggers pattern completions: one letter would offer half the catalog. */
export const MIN_PREFIX = 2;
/** Characters before the cursor that are looked at (the longest name or alias is under 40 characters). */
const PREFIX_WINDOW = 120;
/** How many words before the cursor may belong to one term ("circuit br", "fan out on wr"). */
const MAX_WORDS = 4;

/** Characters of a word in a pattern name ("pub/sub", "write-through", "OAuth 2.0" splits at the space). */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\-/'’]*$/u;

interface Candidate {
  start: number;
  text: string;
  matches: PrefixMatch[];
}

/**
 * The longest run of words ending at the cursor that starts a pattern name or alias: "circuit br" finds
 * "Circuit Breaker" and replaces both words, "we use ca" tries "we use ca", "use ca" and then "ca".
 */
function findCandidate(before: string, index: PatternIndex, continuing: boolean): Candidate | undefined {
  // After a space, only while a list is already open: "circuit " keeps "Circuit Breaker" on offer.
  if (continuing && /\s$/.test(before)) {
    const words = before.replace(/\s+$/, '');
    const found = words.length < before.length - 1 ? undefined : findCandidate(words, index, false);
    if (!found) return undefined;
    const key = termKey(found.text);
    const next = found.matches.filter((m) => m.matchOffset === 0 && termKey(m.term).startsWith(`${key} `));
    return next.length ? { start: found.start, text: before.slice(found.start), matches: next } : undefined;
  }
  const last = WORD.exec(before);
  if (!last) return undefined;
  const starts = [last.index];
  let cursor = last.index;
  for (let i = 1; i < MAX_WORDS; i++) {
    const m = /([\p{L}\p{N}][\p{L}\p{N}\-/'’]*)\s+$/u.exec(before.slice(0, cursor));
    if (!m || before.slice(m.index, cursor).includes('\n')) break;
    starts.push(m.index);
    cursor = m.index;
  }
  for (let i = starts.length - 1; i >= 0; i--) {
    const text = before.slice(starts[i]);
    if (i === 0 && text.length < MIN_PREFIX) return undefined;
    const matches = index.complete(text);
    // Several words must match from the start of a term; a single word may also match a later word of it.
    const usable = i === 0 ? matches : matches.filter((m) => m.matchOffset === 0);
    if (usable.length) return { start: starts[i], text, matches: usable };
  }
  return undefined;
}

/**
 * Completions of pattern names and aliases while writing prose. The current line is all that is read, so the
 * cost does not depend on the document's size.
 */
export interface PatternCompletionOptions {
  /**
   * The editor is re-asking while its list is open (LSP triggerKind 3, after an incomplete list): a trailing space
   * then continues a multi-word name instead of ending the word, so "circuit " still offers "Circuit Breaker".
   * A fresh request after a space offers nothing, so that typing prose does not pop up lists at every space.
   */
  continuing?: boolean;
}

/** The summary's first sentence, cut to fit a completion row. */
function firstSentence(summary: string): string {
  const sentence = /^.*?[.!?](?=\s|$)/.exec(summary)?.[0] ?? summary;
  return sentence.length > 110 ? `${sentence.slice(0, 109).replace(/\s+\S*$/, '')}…` : sentence;
}

export function patternCompletions(
  doc: LanguageDocument,
  position: Position,
  index: PatternIndex,
  cardOptions: PatternCardOptions = {},
  options: PatternCompletionOptions = {},
): CompletionItem[] {
  const lineText = doc.lines[position.line];
  if (lineText === undefined) return [];
  if (!doc.proseLines.has(position.line) || fenceContaining(doc, position.line)) return [];
  if (/^\s{0,3}#/.test(lineText)) return []; // headings get heading completions
  if (insideInlineCode(lineText, position.character)) return [];
  // Only the end of the line matters: a few words, far shorter than the window. Cut at a word boundary so the
  // window's edge cannot make the middle of a word look like the start of one.
  let from = Math.max(0, position.character - PREFIX_WINDOW);
  if (from > 0) {
    const space = lineText.slice(from, position.character).search(/\s/);
    if (space < 0) return [];
    from += space + 1;
  }
  const found = findCandidate(lineText.slice(from, position.character), index, !!options.continuing);
  if (!found) return [];
  const candidate = { ...found, start: found.start + from };
  const range = {
    start: { line: position.line, character: candidate.start },
    end: { line: position.line, character: position.character },
  };
  return candidate.matches.map((m, i): CompletionItem => {
    const category = CATEGORY_TITLES[m.pattern.category];
    const gist = firstSentence(m.pattern.summary);
    return {
      label: m.term,
      // What the pattern is, in the first list already: on every row (labelDetails) and beside the focused one
      // (detail), with the whole card resolved at once in the documentation (no second Ctrl+Space needed).
      labelDetails: { description: m.isName ? category : `${m.pattern.name} · ${category}` },
      kind: CompletionItemKind.Reference,
      detail: `${m.isName ? '' : `${m.pattern.name}: `}${gist}`,
      documentation: { kind: 'markdown', value: renderPatternCard(m.pattern, index, cardOptions) },
      textEdit: { range, newText: m.term },
      insertTextFormat: InsertTextFormat.PlainText,
      sortText: String(i).padStart(4, '0'),
      // The editor filters on the text between the range start and the cursor; a match on a later word of the
      // term ("bucket" for "Token Bucket") must be filterable by that word.
      filterText: m.matchOffset === 0 ? m.term : m.term.slice(m.matchOffset),
    };
  });
}
